import { buildProblem } from '@fruitables/kit';

/** A problem+json answer as a real kit service would send it, for the stand-ins. */
export function problemAnswer(status: number, code: string, detail: string): Response {
  return Response.json(buildProblem(status, code, detail, 'stand-in'), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

/** The Idempotency-Key of a request, or a 400 answer like the callee's own. */
export function idempotencyKeyOf(request: Request): string | Response {
  const key = request.headers.get('idempotency-key');
  return key && key.length >= 8 ? key : problemAnswer(400, 'validation_failed', 'Idempotency-Key header required.');
}

/** The same JSON in any key order is the same request body. */
export function sameBody(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([x], [y]) => x.localeCompare(y))
              .map(([key, inner]) => [key, canonical(inner)]),
          )
        : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
