import { z } from 'zod';
import { type Problem, problemSchema } from '../problem.ts';

/** Anything that answers a Fetch request: a kit app (`app.request`) or a real server's base URL via `fetch`. */
export interface RequestTarget {
  request(input: string, init: RequestInit): Response | Promise<Response>;
}

export interface RequestOptions {
  /** Sent as `application/json` (serialised here). */
  json?: unknown;
  /** Sent as is, for raw or malformed bodies and uploads; set the content type in `headers`. */
  body?: BodyInit;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  headers?: Record<string, string>;
}

/** A response read once, with its body kept, so a test can look at it as often as it likes. */
export interface TestResponse {
  status: number;
  headers: Headers;
  /** The body as text ('' when empty). */
  text: string;
  /** The body parsed as JSON; undefined when it is empty or not JSON. Use `parse` to get it typed. */
  json: unknown;
  /** The body as a problem document; throws (failing the test, body quoted) when it is not problem+json. */
  readonly problem: Problem;
  /** The body checked against a zod schema (best the route's own response schema), typed by it. */
  parse<S extends z.ZodType>(schema: S): z.output<S>;
}

export type RequestMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

export interface RequestClient {
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
  get(path: string, options?: RequestOptions): Promise<TestResponse>;
  post(path: string, options?: RequestOptions): Promise<TestResponse>;
  put(path: string, options?: RequestOptions): Promise<TestResponse>;
  patch(path: string, options?: RequestOptions): Promise<TestResponse>;
  delete(path: string, options?: RequestOptions): Promise<TestResponse>;
}

export interface RequestClientOptions {
  /** Headers every request carries unless the call overrides them (identity sends X-Forwarded-For). */
  headers?: () => Record<string, string>;
}

/** The body of whatever a create route answered with, when a test needs only its id: `created.parse(withId).id`. */
export const withId = z.object({ id: z.string() });

/** Reads a response once into a `TestResponse`; for responses that did not come from a client (fetch, a stand-in). */
export async function readResponse(response: Response): Promise<TestResponse> {
  const text = await response.text();
  let json: unknown;
  try {
    json = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const describe = () => `${response.status} ${response.headers.get('content-type') ?? '(no content type)'}: ${text}`;
  return {
    status: response.status,
    headers: response.headers,
    text,
    json,
    get problem(): Problem {
      if (response.headers.get('content-type') !== 'application/problem+json') {
        throw new Error(`expected a problem+json response, got ${describe()}`);
      }
      const parsed = problemSchema.safeParse(json);
      if (!parsed.success) throw new Error(`not a problem document (${parsed.error.message}): ${describe()}`);
      return parsed.data;
    },
    parse(schema) {
      const parsed = schema.safeParse(json);
      if (!parsed.success)
        throw new Error(`the body does not match the schema (${parsed.error.message}): ${describe()}`);
      return parsed.data;
    },
  };
}

/** The problem document a raw response carries; throws when it is not one. */
export async function readProblem(response: Response): Promise<Problem> {
  return (await readResponse(response)).problem;
}

/**
 * Requests through the real app (or server), as a client would send them:
 * `const created = await client.post('/v1/farms/…/products', { json, token }); created.parse(productSchema)`.
 */
export function createRequestClient(target: RequestTarget, options: RequestClientOptions = {}): RequestClient {
  async function request(method: string, path: string, call: RequestOptions = {}): Promise<TestResponse> {
    const headers: Record<string, string> = { ...options.headers?.() };
    if (call.json !== undefined) headers['content-type'] = 'application/json';
    if (call.token !== undefined) headers.authorization = `Bearer ${call.token}`;
    Object.assign(headers, call.headers);
    const body = call.json !== undefined ? JSON.stringify(call.json) : call.body;
    const init: RequestInit = { method, headers, ...(body === undefined ? {} : { body }) };
    return readResponse(await target.request(path, init));
  }
  return {
    request,
    get: (path, call) => request('GET', path, call),
    post: (path, call) => request('POST', path, call),
    put: (path, call) => request('PUT', path, call),
    patch: (path, call) => request('PATCH', path, call),
    delete: (path, call) => request('DELETE', path, call),
  };
}

/** The zod schema of one documented response of a route contract, if it documents a JSON body. */
export type ResponseSchemaOf<T> = T extends { content: { [type: string]: { schema: infer S extends z.ZodType } } }
  ? S
  : never;

/**
 * The response schema a route contract documents for `status`, so a test reads the body typed
 * by the contract it tests: `created.parse(responseSchema(createOfferRoute, 201))`.
 */
export function responseSchema<R extends { responses: object }, S extends keyof R['responses'] & (number | string)>(
  route: R,
  status: S,
): ResponseSchemaOf<R['responses'][S]> {
  const documented: unknown = Reflect.get(route.responses, status);
  const content: unknown =
    documented !== null && typeof documented === 'object' ? Reflect.get(documented, 'content') : undefined;
  const media = content !== null && typeof content === 'object' ? Object.values(content)[0] : undefined;
  const schema: unknown = media !== null && typeof media === 'object' ? Reflect.get(media, 'schema') : undefined;
  if (schema === undefined) throw new Error(`the route documents no body for ${String(status)}`);
  // The contract's own type says which schema sits here; the lookup above only found it at run time.
  return schema as ResponseSchemaOf<R['responses'][S]>;
}

/** A request target for a real server: `createRequestClient(httpTarget(server.url))`. */
export function httpTarget(baseUrl: string): RequestTarget {
  return { request: (path, init) => fetch(new URL(path, baseUrl), init) };
}
