import { DomainError, type ErrorKind, type FieldProblem } from '@fruitables/core';
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { logSafeError } from './log-safe-error.ts';
import { buildProblem, problemResponse } from './problem.ts';
import type { KitEnv } from './types.ts';

const requestIdOf = (c: Context): string => (c.get('requestId') as string | undefined) ?? 'unknown';

/**
 * Turns zod issues into field problems a person can act on
 * (`items.0.quantity: Too small: expected number to be >=1`). An unknown key becomes a
 * problem on that key itself (`role: Remove "role"…`), not on the object around it.
 */
export function fieldProblems(error: ZodError, target?: string): FieldProblem[] {
  const name = (path: PropertyKey[]): string => {
    const joined = path.map(String).join('.');
    if (!joined) return target === 'json' || !target ? 'body' : target;
    return target && target !== 'json' ? `${target}.${joined}` : joined;
  };
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: name([...issue.path, key]), message: issue.message }))
      : [{ field: name(issue.path), message: issue.message }],
  );
}

/** What the one validation hook answers: every route's invalid input becomes the same 400 problem, fields named. */
export function validationProblem(error: ZodError, target: string, c: Context): Response {
  return problemResponse(
    c,
    buildProblem(
      400,
      'validation_failed',
      'Fix the fields listed in `errors` and send the request again.',
      requestIdOf(c),
      fieldProblems(error, target),
    ),
  );
}

/**
 * The one place a domain error's kind becomes an HTTP status. Domain code never names a
 * status; a new kind fails to compile here until it is given one.
 */
export const statusOfKind = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  upstream_failed: 502,
  upstream_timed_out: 504,
  unavailable: 503,
} as const satisfies Record<ErrorKind, number>;

/**
 * The one error handler. Domain errors get the status of their kind and Hono's HTTP errors
 * keep theirs; anything else is a bug, logged with its stack and answered with a bare 500
 * that reveals nothing.
 */
export const handleError: ErrorHandler<KitEnv> = (error, c) => {
  const requestId = requestIdOf(c);
  if (error instanceof DomainError) {
    const headers: Record<string, string> =
      error.retryAfterSeconds === undefined ? {} : { 'retry-after': String(error.retryAfterSeconds) };
    const status = statusOfKind[error.kind];
    return problemResponse(c, buildProblem(status, error.code, error.message, requestId, error.fields), headers);
  }
  if (error instanceof HTTPException) {
    const code = error.status === 400 ? 'malformed_request' : `http_${error.status}`;
    const detail = error.message || 'The request could not be processed.';
    return problemResponse(c, buildProblem(error.status, code, detail, requestId));
  }
  c.get('logger')?.error({ error: logSafeError(error) }, 'unhandled error');
  return problemResponse(
    c,
    buildProblem(
      500,
      'internal_error',
      'Something went wrong on our side. Try again; if it keeps happening, quote the requestId.',
      requestId,
    ),
  );
};

export const handleNotFound: NotFoundHandler<KitEnv> = (c) =>
  problemResponse(c, buildProblem(404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`, requestIdOf(c)));
