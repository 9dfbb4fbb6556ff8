import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One operation of a service's HTTP API, as data: what the callee publishes in its contract
 * and the kit's service client calls. It holds zod schemas and nothing else, so a contract
 * file that defines operations pulls no server, database or HTTP code into its callers.
 */
export interface OperationDefinition {
  readonly method: HttpMethod;
  /** The path on the callee, OpenAPI style: `/internal/v1/holds/{holdId}/confirm`. */
  readonly path: string;
  /** The `{name}` path parameters. */
  readonly params?: z.ZodType<Record<string, string>>;
  readonly query?: z.ZodType<Record<string, string | number | boolean | undefined>>;
  /** The JSON request body. */
  readonly body?: z.ZodType;
  /** The JSON body of a successful answer; the client refuses anything else. */
  readonly response: z.ZodType;
  /**
   * True when repeating the call has the same effect as making it once, so the client may retry
   * it after a timeout. GET is always treated as idempotent; a call that sends an
   * `Idempotency-Key` is retried too, because the callee deduplicates it.
   */
  readonly idempotent: boolean;
  /** `required`: the callee refuses the call without an `Idempotency-Key` (and the client's types do too). */
  readonly idempotencyKey?: 'required';
  /** The service scope the callee requires (`catalog:holds`); documentation for callers asking identity for a token. */
  readonly scope?: string;
  /** The problem `code`s the callee documents for this operation, so callers can branch on them with types. */
  readonly problemCodes?: readonly string[];
}

/** Declares an operation; `as const` typing is kept so the client can infer inputs, output and problem codes. */
export function defineOperation<const O extends OperationDefinition>(operation: O): O {
  return operation;
}

type Field<O, K extends string, Name extends string> = O extends { [P in K]: infer S extends z.ZodType }
  ? { [P in Name]: z.input<S> }
  : { [P in Name]?: never };

/** What a call of `O` needs: its path params, query, body, and an Idempotency-Key where required. */
export type OperationInput<O extends OperationDefinition> = Field<O, 'params', 'params'> &
  Field<O, 'query', 'query'> &
  Field<O, 'body', 'body'> &
  (O extends { idempotencyKey: 'required' } ? { idempotencyKey: string } : { idempotencyKey?: string });

/** What a successful call of `O` returns, after the client validated it. */
export type OperationOutput<O extends OperationDefinition> = z.output<O['response']>;

/** The problem codes `O` documents (or any string when it documents none). */
export type OperationProblemCode<O extends OperationDefinition> = O extends {
  problemCodes: readonly (infer C extends string)[];
}
  ? C
  : string;
