import { DomainError, type ErrorKind, type FieldProblem } from '@fruitables/core';
import type { OperationDefinition, OperationProblemCode } from './operation.ts';

/**
 * A call to another service failed. It is a `DomainError`, so one that nobody handles becomes
 * a 502/503/504 for our own caller (kinds upstream_failed, unavailable, upstream_timed_out), never the callee's status: a 401 from catalog means this
 * service's credentials are wrong, not that the shopper must sign in again.
 */
export abstract class ServiceCallError extends DomainError {
  constructor(
    kind: ErrorKind,
    code: string,
    message: string,
    /** The callee's name, e.g. `catalog`. */
    readonly callee: string,
    /** `METHOD /path` of the operation, for logs. */
    readonly operation: string,
    options: { cause?: unknown } = {},
  ) {
    super(kind, code, message, options);
  }
}

/** The callee's answer as problem+json, with the fields callers branch on. */
export interface CalleeProblemDetails<Code extends string = string> {
  /** The callee's HTTP status. */
  status: number;
  /** The callee's stable problem code (`sold_out`, `hold_not_found`…). */
  code: Code;
  detail: string;
  /** Invalid fields the callee named (a 400 from it is our bug: the fields say where). */
  fields: FieldProblem[];
  /** The callee's request id, to find its log line. */
  requestId: string | undefined;
}

/** The callee answered with a problem (4xx/5xx problem+json). `problem.code` is what to branch on. */
export class CalleeProblem<Code extends string = string> extends ServiceCallError {
  constructor(
    callee: string,
    operation: string,
    readonly problem: CalleeProblemDetails<Code>,
  ) {
    super('upstream_failed', 'upstream_problem', `${callee} refused the call: ${problem.code}.`, callee, operation);
  }
}

/** The callee answered, but not with what its contract promises (wrong shape, not JSON, an error that is no problem). */
export class CalleeResponseInvalid extends ServiceCallError {
  constructor(
    callee: string,
    operation: string,
    /** What was wrong, for logs: never shown to our own caller. */
    readonly reason: string,
    /** The callee's HTTP status. */
    readonly calleeStatus: number,
  ) {
    super('upstream_failed', 'upstream_invalid_response', `${callee} sent an answer we cannot use.`, callee, operation);
  }
}

export type UnavailableReason = 'timeout' | 'network' | 'circuit_open';

/** The callee could not be reached in time: a timeout (504), a network error, or its circuit is open (503). */
export class CalleeUnavailable extends ServiceCallError {
  constructor(
    callee: string,
    operation: string,
    readonly reason: UnavailableReason,
    options?: { cause?: unknown },
  ) {
    super(
      reason === 'timeout' ? 'upstream_timed_out' : 'unavailable',
      reason === 'timeout' ? 'upstream_timeout' : 'upstream_unavailable',
      `${callee} cannot be reached right now; try again in a moment.`,
      callee,
      operation,
      options?.cause === undefined ? {} : { cause: options.cause },
    );
  }
}

/**
 * True when `error` is the callee's problem `code` for `operation`; narrows the code to the
 * ones the operation documents: `if (isCalleeProblem(error, createHold, 'sold_out')) …`.
 */
export function isCalleeProblem<O extends OperationDefinition, C extends OperationProblemCode<O>>(
  error: unknown,
  _operation: O,
  code?: C,
): error is CalleeProblem<C> {
  return error instanceof CalleeProblem && (code === undefined || error.problem.code === code);
}
