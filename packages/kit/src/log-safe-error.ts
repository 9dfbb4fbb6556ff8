/** What the log keeps of an unexpected error: enough to debug, nothing a caller sent. */
export interface LoggedError {
  type: string;
  message: string;
  stack?: string;
  /** SQLSTATE or system error code, when there is one. */
  code?: string;
  cause?: LoggedError;
}

// drizzle's query errors append "params: <every bound value>" to the message (and so to
// the stack); postgres.js errors carry `parameters`. Bound values are passwords, hashes,
// emails: they never reach the log.
const PARAMS_TAIL = /\nparams:[\s\S]*$/;

function scrub(text: string): string {
  return text.replace(PARAMS_TAIL, '\nparams: [not logged]');
}

/**
 * A copy of an error safe to log: type, message and stack with bound query parameters
 * removed, the error code, and the same for its cause chain. Enumerable properties (where
 * drivers keep queries and parameters) are deliberately not copied.
 */
export function logSafeError(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error, message: 'a non-Error value was thrown' };
  const code = (error as { code?: unknown }).code;
  const logged: LoggedError = {
    type: error.name,
    message: scrub(error.message),
    ...(error.stack ? { stack: scrub(error.stack.replace(error.message, scrub(error.message))) } : {}),
    ...(typeof code === 'string' ? { code } : {}),
  };
  if (error.cause !== undefined && depth < 3) logged.cause = logSafeError(error.cause, depth + 1);
  return logged;
}
