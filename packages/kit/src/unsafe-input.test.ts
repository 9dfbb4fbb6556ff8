import { createRoute, z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { problemResponses } from './problem.ts';
import { createTestServiceApp } from './testing/index.ts';
import { isStorableText, unstorableJsonField, unstorableUrlField } from './unsafe-input.ts';

describe('isStorableText', () => {
  it.each(['', '사과', 'a\tb\nc', '🍎 emoji (a surrogate pair)', '%00', '\\u0000'])('accepts %j', (value) => {
    expect(isStorableText(value)).toBe(true);
  });
  it.each(['\u0000', 'a\u0000b', '\ud800', 'a\udc00b', '\ud83c'])('refuses %j', (value) => {
    expect(isStorableText(value)).toBe(false);
  });
});

describe('unstorableUrlField', () => {
  it.each([
    ['/v1/lots/A\u0000B', '/v1/lots/A%00B', 'path'],
    ['/v1/products', '/v1/products?q=%EC%82%AC%EA%B3%BC%00', 'query.q'],
    ['/v1/products', '/v1/products?a=1&b=x%00y', 'query.b'],
    ['/v1/products', '/v1/products?%00=1', 'query'],
    ['/v1/products', '/v1/products?q=a%00#x', 'query.q'],
  ])('finds %j %j in %s', (path, url, field) => {
    expect(unstorableUrlField(path, `http://svc${url}`)).toBe(field);
  });
  it.each([
    ['/v1/products', '/v1/products?q=%EC%82%AC%EA%B3%BC'],
    ['/v1/products', '/v1/products?q=%2500'],
    ['/v1/products', '/v1/products?q=%ED%A0%80'],
    ['/v1/lots/사과', '/v1/lots/%EC%82%AC%EA%B3%BC'],
  ])('passes %j %j', (path, url) => {
    expect(unstorableUrlField(path, `http://svc${url}`)).toBeUndefined();
  });
});

describe('unstorableJsonField', () => {
  it('names the first unstorable string like validation problems do', () => {
    expect(unstorableJsonField({ a: 'ok', items: [{ note: 'fine' }, { note: 'x\u0000' }] })).toBe('items.1.note');
    expect(unstorableJsonField({ 'k\u0000': 1 })).toBe('body');
    expect(unstorableJsonField({ nested: { 'k\u0000': 1 } })).toBe('nested');
    expect(unstorableJsonField('\ud800')).toBe('body');
    expect(unstorableJsonField({ n: 1, b: true, z: null, s: '사과' })).toBeUndefined();
  });
});

describe('every kit app', () => {
  const app = createTestServiceApp();
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/notes/{code}',
      request: {
        params: z.object({ code: z.string() }),
        body: { content: { 'application/json': { schema: z.object({ note: z.string() }) } } },
      },
      responses: { 200: { description: 'ok' }, ...problemResponses(400) },
    }),
    (c) => c.json({ ok: true }, 200),
  );
  const post = (path: string, body: string) =>
    app.request(path, { method: 'POST', body, headers: { 'content-type': 'application/json' } });

  it('refuses U+0000 in the path, the query or a JSON body with a 400 naming it, before the route', async () => {
    for (const [path, body, field] of [
      ['/v1/notes/A%00', '{"note":"x"}', 'path'],
      ['/v1/notes/A?trace=%00', '{"note":"x"}', 'query.trace'],
      ['/v1/notes/A', '{"note":"x\\u0000"}', 'note'],
      ['/v1/notes/A', '{"note":"\\ud800"}', 'note'],
    ] as const) {
      const response = await post(path, body);
      expect(response.status).toBe(400);
      expect(response.headers.get('x-request-id')).toBeTruthy();
      expect(await response.json()).toMatchObject({ code: 'invalid_characters', errors: [{ field }] });
    }
    expect((await post('/v1/notes/A', '{"note":"\\\\u0000 is how you write it"}')).status).toBe(200);
  });

  it('refuses a NUL or lone surrogate written into the URL as it is, not escaped', async () => {
    // The pipeline only decodes URLs that hold a `%`: this is the proof that a raw NUL or a lone
    // surrogate cannot slip past that shortcut (the URL parser escapes both before a route sees them).
    for (const [path, field] of [
      ['/v1/notes/A\u0000B', 'path'],
      ['/v1/notes/A?trace=a\u0000b', 'query.trace'],
    ] as const) {
      const response = await post(path, '{"note":"x"}');
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'invalid_characters', errors: [{ field }] });
    }
    // A lone surrogate cannot even be sent: it is turned into U+FFFD (storable) as the URL is built.
    expect(new Request('http://svc/v1/notes/A\ud800?q=\udc00').url).toBe('http://svc/v1/notes/A%EF%BF%BD?q=%EF%BF%BD');
  });
});
