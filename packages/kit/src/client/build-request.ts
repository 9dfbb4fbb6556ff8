import type { OperationDefinition } from './operation.ts';

export interface BuiltRequest {
  url: string;
  body: string | undefined;
}

/**
 * The URL and JSON body of a call, from inputs checked against the operation's own schemas
 * first: a caller sending what the contract forbids is our bug, caught here with the zod
 * error rather than as a 400 from the callee.
 */
export function buildRequest(
  baseUrl: string,
  operation: OperationDefinition,
  input: { params?: unknown; query?: unknown; body?: unknown },
): BuiltRequest {
  const params = operation.params ? operation.params.parse(input.params) : {};
  const path = operation.path.replaceAll(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new RangeError(`${operation.method} ${operation.path}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
  const url = new URL(path.replace(/^\//, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  if (operation.query) {
    for (const [name, value] of Object.entries(operation.query.parse(input.query ?? {}))) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
  }
  const body = operation.body ? JSON.stringify(operation.body.parse(input.body)) : undefined;
  return { url: url.toString(), body };
}
