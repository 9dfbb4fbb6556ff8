/**
 * What kind of failure a domain error is, in words that mean the same over HTTP, in an event
 * consumer or in a command-line tool. Each edge maps kinds its own way: the HTTP kit to a
 * status (`@fruitables/kit` errors.ts), the bus consumer to retry or dead-letter.
 */
export type ErrorKind =
  /** The input is malformed or breaks a rule; the same input always fails. */
  | 'invalid'
  /** Who is asking is not known (no, or a bad, credential). */
  | 'unauthenticated'
  /** Who is asking is known and may not do this. */
  | 'forbidden'
  | 'not_found'
  /** The request collides with the current state (taken, sold out, already decided). */
  | 'conflict'
  /** The content is over a size limit. */
  | 'too_large'
  /** The content is of a type that is not accepted. */
  | 'unsupported_type'
  /** Well-formed, but its content cannot be used (a file with row errors, an image that will not decode). */
  | 'unprocessable'
  /** Too many attempts; `retryAfterSeconds` says when to come back. */
  | 'rate_limited'
  /** Something we depend on answered badly: their side, not ours, not the caller's. */
  | 'upstream_failed'
  /** Something we depend on did not answer in time; its outcome is unknown. */
  | 'upstream_timed_out'
  /** Something we depend on cannot be reached right now; trying again later may work. */
  | 'unavailable';

/** One invalid input: where it is (a dotted path or a parameter name) and what to do. */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface DomainErrorOptions {
  fields?: FieldProblem[];
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * A failure the domain expects and names: a `kind` the edges map, a stable `code` clients
 * branch on (`out_of_stock`, `farm_not_found`), a message a person reads, and for invalid
 * input the fields at fault. No transport detail: no status, no header.
 */
export class DomainError extends Error {
  readonly fields?: FieldProblem[];
  readonly retryAfterSeconds?: number;

  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    if (options.fields !== undefined) this.fields = options.fields;
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export class Invalid extends DomainError {
  constructor(message: string, code: string, fields?: FieldProblem[]) {
    super('invalid', code, message, { fields });
  }
}

/** Invalid input whose every bad field is named: what request validation answers, too. */
export class ValidationFailed extends Invalid {
  constructor(message: string, fields: FieldProblem[]) {
    super(message, 'validation_failed', fields);
  }
}

export class Unauthorized extends DomainError {
  constructor(message = 'Sign in again: the access token is missing, invalid or expired.', code = 'unauthorized') {
    super('unauthenticated', code, message);
  }
}

export class Forbidden extends DomainError {
  constructor(message = 'Your account is not allowed to do this.', code = 'forbidden') {
    super('forbidden', code, message);
  }
}

export class NotFound extends DomainError {
  constructor(message = 'Nothing exists at this address.', code = 'not_found') {
    super('not_found', code, message);
  }
}

export class Conflict extends DomainError {
  constructor(message: string, code = 'conflict', fields?: FieldProblem[]) {
    super('conflict', code, message, { fields });
  }
}

export class TooLarge extends DomainError {
  constructor(message: string, code = 'too_large') {
    super('too_large', code, message);
  }
}

export class UnsupportedType extends DomainError {
  constructor(message: string, code = 'unsupported_type') {
    super('unsupported_type', code, message);
  }
}

export class Unprocessable extends DomainError {
  constructor(message: string, code = 'unprocessable', fields?: FieldProblem[]) {
    super('unprocessable', code, message, { fields });
  }
}

export class TooManyRequests extends DomainError {
  declare readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number, code = 'too_many_requests') {
    super('rate_limited', code, message, { retryAfterSeconds });
  }
}

export class UpstreamFailed extends DomainError {
  constructor(message: string, code = 'upstream_failed', options: { cause?: unknown } = {}) {
    super('upstream_failed', code, message, options);
  }
}

export class Unavailable extends DomainError {
  constructor(message: string, code = 'unavailable', options: { cause?: unknown; retryAfterSeconds?: number } = {}) {
    super('unavailable', code, message, options);
  }
}

/**
 * A farm that does not exist and a farm the caller may not manage answer exactly alike, so a
 * farmer cannot probe which farm ids exist. Every service (and the kit's farm guard) throws this.
 */
export const farmNotFound = (): NotFound => new NotFound('No farm with this id.', 'farm_not_found');
