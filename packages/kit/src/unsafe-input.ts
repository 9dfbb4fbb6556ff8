import type { FieldProblem } from '@fruitables/core';
import type { Context } from 'hono';
import { buildProblem, problemResponse } from './problem.ts';
import type { KitEnv } from './types.ts';

// In `u` mode a well-formed surrogate pair is one code point, so this matches only lone halves.
const loneSurrogate = /\p{Cs}/u;

const MESSAGE = 'Remove the NUL character (U+0000) or the unpaired surrogate: it is not text that can be stored.';
const DETAIL = 'The request carries characters no service can store or look up; remove them and send it again.';

/**
 * Whether `value` is text PostgreSQL can hold as it is: `text` refuses U+0000 (a query with one
 * fails, a 500 if nobody checked), and a lone surrogate is not Unicode at all (it would be stored
 * silently as U+FFFD, so what was read back would not be what was sent).
 */
export const isStorableText = (value: string): boolean => !value.includes('\u0000') && !loneSurrogate.test(value);

/**
 * The field of the URL whose decoded text is not storable: `path`, `query.<name>` (`query` when
 * the name itself is the culprit), or undefined. `path` is the decoded path (Hono's c.req.path).
 * A query only decodes to such text from a `%` escape, so a query without one is not decoded.
 */
export function unstorableUrlField(path: string, url: string): string | undefined {
  if (!isStorableText(path)) return 'path';
  const queryStart = url.indexOf('?');
  if (queryStart < 0 || !url.includes('%', queryStart)) return undefined;
  for (const [name, value] of new URLSearchParams(url.slice(queryStart + 1))) {
    if (!isStorableText(name)) return 'query';
    if (!isStorableText(value)) return `query.${name}`;
  }
  return undefined;
}

/**
 * The dotted path (`items.0.note`, as validation problems name fields) of the first string in
 * parsed JSON input, key or value, that is not storable; `body` for the whole body.
 */
export function unstorableJsonField(value: unknown, path: readonly string[] = []): string | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : path.join('.') || 'body';
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (!isStorableText(key)) return path.join('.') || 'body';
    const found = unstorableJsonField(item, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

const refusal = (c: Context<KitEnv>, field: string): Response => {
  const fields: FieldProblem[] = [{ field, message: MESSAGE }];
  return problemResponse(c, buildProblem(400, 'invalid_characters', DETAIL, c.get('requestId') ?? 'unknown', fields));
};

/**
 * For the request pipeline, before any route runs: a request whose decoded path or query holds
 * U+0000 or a lone surrogate is answered here with a 400 problem (`invalid_characters`, the
 * field named), so no service ever hands it to PostgreSQL. Returns undefined to let the request
 * through; otherwise the request has been answered (c.res) and the result is its settled handling.
 */
export function refuseUnstorableUrl(c: Context<KitEnv>): Promise<void> | undefined {
  const url = c.req.url;
  // A request URL is ASCII: the URL parser percent-encodes a NUL, other controls and anything
  // non-ASCII (a lone surrogate as the escaped U+FFFD). So only a `%` escape can decode to
  // unstorable text, and the common URL without one skips decoding and scanning altogether.
  if (!url.includes('%')) return undefined;
  const field = unstorableUrlField(c.req.path, url);
  if (field === undefined) return undefined;
  c.res = refusal(c, field);
  return Promise.resolve();
}

/**
 * For the validation hook, after a JSON body passed its route's schema: a string in it that is
 * not storable is the same 400 problem, naming the field, whatever the route's schema says.
 */
export function refuseUnstorableJson(data: unknown, target: string, c: Context<KitEnv>): Response | undefined {
  if (target !== 'json') return undefined;
  const field = unstorableJsonField(data);
  return field === undefined ? undefined : refusal(c, field);
}
