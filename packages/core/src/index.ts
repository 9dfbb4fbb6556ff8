export {
  Conflict,
  DomainError,
  type DomainErrorOptions,
  type ErrorKind,
  type FieldProblem,
  Forbidden,
  farmNotFound,
  Invalid,
  NotFound,
  TooLarge,
  TooManyRequests,
  Unauthorized,
  Unavailable,
  Unprocessable,
  UnsupportedType,
  UpstreamFailed,
  ValidationFailed,
} from './errors.ts';
export { isUuidV7, newId, uuidV7Timestamp } from './ids.ts';
export { type SidoName, sidoNames } from './korea.ts';
export { formatKrw, type Krw, krw, parseKrw } from './money.ts';
export { sameSitePath } from './same-site-path.ts';
export { type Clock, formatSeoulDateTime, SEOUL_TIME_ZONE, seoulDayStart, systemClock, toSeoulDate } from './time.ts';
