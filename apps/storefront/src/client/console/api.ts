import { apiBase } from '../config.ts';
import { accessToken, type Problem, refreshSession } from '../session-store.ts';
import { problemText } from './problem-text.ts';

/** An API answer that was not a success, with the Korean sentence to show the farmer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    message: string,
  ) {
    super(message);
  }
}

export type Service = 'identity' | 'catalog' | 'orders' | 'payments' | 'logistics';

/**
 * Where a service's public API is: <body>'s data-<service>-api when the build wrote one
 * (identity's and catalog's come from the storefront's env), else the edge's /api/<service>.
 */
export function serviceBase(service: Service): string {
  if (service === 'identity' || service === 'catalog') return apiBase(service);
  return (document.body.dataset[`${service}Api`] ?? `/api/${service}`).replace(/\/+$/, '');
}

/** Where a page sends someone who is not signed in, so they come back after logging in. */
export function loginUrl(): string {
  return `/login/?next=${encodeURIComponent(location.pathname + location.search)}`;
}

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
 * One authorised call: the farmer's own bearer token on the public API (the edge's /api/…),
 * one forced refresh when a live token is refused (roles changed). Network failures and a
 * lost session become an ApiError; any other answer is returned as it came.
 */
async function authorizedFetch(
  service: Service,
  path: string,
  init: { method?: string; body?: unknown; accept?: string },
): Promise<Response> {
  const send = async (token: string) => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: init.accept ?? 'application/json',
    };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${serviceBase(service)}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      // Public reads (a farm profile) are cacheable for shoppers; the console always wants now.
      cache: 'no-store',
    });
  };
  let token = await accessToken();
  if (!token) throw signedOut();
  let response: Response;
  try {
    response = await send(token);
    if (response.status === 401) {
      token = await refreshSession();
      if (!token) throw signedOut();
      response = await send(token);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(0, null, problemText(0, null));
  }
  if (response.status === 401) throw signedOut();
  return response;
}

async function failure(response: Response): Promise<ApiError> {
  const problem = ((await parse(response)) ?? null) as Problem | null;
  return new ApiError(response.status, problem, problemText(response.status, problem));
}

/**
 * Every console JSON call (uploads are upload.ts), with problem+json turned into an
 * ApiError whose message is Korean and says what to do next.
 */
export async function api<T>(
  service: Service,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const response = await authorizedFetch(service, path, init);
  if (!response.ok) throw await failure(response);
  return (await parse(response)) as T;
}

/**
 * A file the API makes for the signed-in farmer (a statement CSV, a label sheet): fetched
 * with the token, since a plain link could not send it.
 */
export async function apiFile(service: Service, path: string, accept: string): Promise<Blob> {
  const response = await authorizedFetch(service, path, { accept });
  if (!response.ok) throw await failure(response);
  return response.blob();
}

function signedOut(): ApiError {
  return new ApiError(401, null, problemText(401, null));
}

/** The sentence to show for a failed call: the ApiError's Korean message, else a generic one. */
export function messageOf(failure: unknown): string {
  return failure instanceof ApiError ? failure.message : problemText(500, null);
}

/**
 * A purchase service's answer through its reader (`../answers/`): the contract's type, or,
 * when the answer is not that shape at all, an error shown like a server fault, never a blank page.
 */
export function readAnswer<T>(read: (body: unknown) => T | null, body: unknown): T {
  const answer = read(body);
  if (answer === null) {
    throw new ApiError(
      502,
      null,
      '서버의 답을 읽지 못했어요. 잠시 후 다시 시도해 주세요. 계속되면 고객센터에 알려 주세요.',
    );
  }
  return answer;
}
