import { type ApiName, apiBase } from '../config.ts';
import { accessToken, type Problem, refreshSession } from '../session-store.ts';

/** An API answer: its status, the parsed JSON body (null when none) and the problem when it failed. */
export interface ApiAnswer {
  status: number;
  body: unknown;
  problem: Problem | null;
}

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the shopper's bearer token; a call that needs one answers 401 without asking when signed out. */
  signedIn?: boolean;
}

/** status 0: the network failed before any answer (offline, the edge unreachable). */
export const OFFLINE: ApiAnswer = { status: 0, body: null, problem: null };

async function parse(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * One call to a public API through the edge. Signed-in calls carry the access token and are
 * retried once with a refreshed one when refused (a token revoked by a role change, or one
 * that expired between the check and the call). Never throws: a network failure is status 0.
 */
export async function callApi(service: ApiName, path: string, options: CallOptions = {}): Promise<ApiAnswer> {
  const send = (token: string | null) => {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    // A file goes as multipart (the browser writes its boundary); anything else as JSON.
    const multipart = options.body instanceof FormData;
    if (options.body !== undefined && !multipart) headers['content-type'] = 'application/json';
    return fetch(`${apiBase(service)}${path}`, {
      method: options.method ?? 'GET',
      headers,
      body:
        options.body === undefined
          ? undefined
          : options.body instanceof FormData
            ? options.body
            : JSON.stringify(options.body),
      // Orders, carts and payments are personal and change by the second: never from a cache.
      cache: 'no-store',
    });
  };
  try {
    let token: string | null = null;
    if (options.signedIn) {
      token = await accessToken();
      if (!token) return { status: 401, body: null, problem: { status: 401, code: 'signed_out' } };
    }
    let response = await send(token);
    if (response.status === 401 && options.signedIn) {
      token = await refreshSession();
      if (!token) return { status: 401, body: null, problem: { status: 401, code: 'signed_out' } };
      response = await send(token);
    }
    const body = await parse(response);
    const problem = response.ok ? null : { status: response.status, ...((body ?? {}) as Problem) };
    return { status: response.status, body, problem };
  } catch {
    return OFFLINE;
  }
}

/** The log-in page, coming back to `path` (this page by default) afterwards. */
export function loginUrl(path = location.pathname + location.search): string {
  return `/login/?next=${encodeURIComponent(path)}`;
}
