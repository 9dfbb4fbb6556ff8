/** An answer from one of the platform's APIs, through the edge. */
export interface ApiAnswer {
  status: number;
  body: unknown;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Extra request headers, e.g. `{ 'idempotency-key': … }` for a checkout. */
  headers?: Record<string, string>;
}

/**
 * Calls `/api/<service>/…` on the edge, as the browser islands and a farmer's app do; or,
 * with `standInUrl('toss')` as `base`, a stand-in as the provider's other side would.
 */
export async function callApi(
  base: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  options: CallOptions = {},
): Promise<ApiAnswer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (an edge error page, say): keep the text for the failure message.
  }
  return { status: response.status, body };
}

/** The answer's body when it has the expected status; otherwise a failure that shows what came back. */
export async function expectStatus<T>(answer: Promise<ApiAnswer>, status: number, what: string): Promise<T> {
  const { status: actual, body } = await answer;
  if (actual !== status) throw new Error(`${what}: expected ${status}, got ${actual}: ${JSON.stringify(body)}`);
  return body as T;
}
