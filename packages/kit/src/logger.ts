import pino, { type DestinationStream, type Logger } from 'pino';
import { batchPerTick } from './log-destination.ts';

export type { Logger } from 'pino';

// Secrets and personal data never reach the log, at any depth up to MAX_DEPTH. Keys are
// compared lowercased without `_` and `-`, so `refresh_token`, `refreshToken` and
// `Refresh-Token` are one entry.
const sensitiveKeys = new Set([
  'password',
  'newpassword',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'codeverifier',
  'authorization',
  'cookie',
  'setcookie',
  'secret',
  'clientsecret',
  'phone',
  'mobile',
  'address',
  'roadaddress',
  'addressdetail',
  'accountnumber',
  'accountholder',
  'bankaccount',
  'bankaccountnumber',
  'bankaccountholder',
  'deliverynotes',
  'doorcode',
  'email',
  'parameters',
  'params',
  // OAuth: the authorization code and the state of a provider callback are one-time
  // credentials. `code` is kept inside logged errors, where it is a SQLSTATE or errno.
  'code',
  'state',
]);
const errorKeys = new Set(['err', 'error', 'cause']);
const MAX_DEPTH = 4;
const CENSORED = '[redacted]';

const normalizedKeys = new Map<string, string>();
// Logged bodies can carry keys a client made up; the memo stops growing past this.
const MAX_MEMOIZED_KEYS = 2_000;

function normalizedKey(key: string): string {
  let normalized = normalizedKeys.get(key);
  if (normalized === undefined) {
    normalized = key.toLowerCase().replace(/[-_]/g, '');
    if (normalizedKeys.size < MAX_MEMOIZED_KEYS) normalizedKeys.set(key, normalized);
  }
  return normalized;
}

// The same secrets in a URL's query or fragment (`/callback?code=…&state=…`, `#access_token=…`).
const sensitiveQueryParameter =
  /([?&#;](?:access[_-]?token|refresh[_-]?token|id[_-]?token|token|code|code[_-]?verifier|state|client[_-]?secret|password)=)[^&#;\s]*/gi;

/** A string with the values of sensitive URL parameters censored; cheap when it has no `=`. */
export function censorUrl(text: string): string {
  return text.includes('=') ? text.replace(sensitiveQueryParameter, `$1${CENSORED}`) : text;
}

/**
 * A copy of a log record with sensitive keys censored, and sensitive parameters censored in
 * any string that looks like a URL. Done in a log formatter rather than with pino's `redact`
 * paths: wildcard paths cost ~70 µs per line on Bun, this a few µs. Only plain objects and
 * arrays are walked; errors and other instances are left to pino's serializers.
 */
export function censorRecord(value: unknown, depth = 0, inError = false): unknown {
  if (typeof value === 'string') return censorUrl(value);
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => censorRecord(item, depth + 1, inError));
  const prototype: unknown = Object.getPrototypeOf(value);
  // Null-prototype objects too: parsed query strings and headers are often made that way.
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const normalized = normalizedKey(key);
    const censored = sensitiveKeys.has(normalized) && !(inError && normalized === 'code');
    copy[key] = censored ? CENSORED : censorRecord(field, depth + 1, inError || errorKeys.has(normalized));
  }
  return copy;
}

export interface LoggerOptions {
  service: string;
  level?: string;
  /**
   * Where lines go; by default stdout, written once per event-loop turn (see log-destination.ts).
   * pino transports do not work on Bun, so pretty-printing is a pipe.
   */
  destination?: DestinationStream;
}

/**
 * JSON lines on stdout with the service name on every line and sensitive fields censored.
 * Child-logger bindings are not censored (pino serializes them once, up front): bind ids,
 * never personal data.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (record) => censorRecord(record) as Record<string, unknown>,
      },
    },
    options.destination ?? batchPerTick(pino.destination({ sync: true })),
  );
}
