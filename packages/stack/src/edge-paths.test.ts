import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet, rawRequest, startRecordingServices, startTestEdge } from './edge.fixture.ts';

// Services decode a path before they route it, so the edge must refuse every spelling of a
// service-only address, not only the plain one. Each request goes byte for byte through the
// real Varnish; the stand-in services record whatever reaches them.
describe('the edge and disguised paths', () => {
  const services = startRecordingServices(['catalog', 'identity', 'storefront']);
  let edge: Awaited<ReturnType<typeof startTestEdge>>;

  beforeAll(async () => {
    edge = await startTestEdge(services.ports);
  });
  afterAll(async () => {
    await edge.stop();
    await services.stop();
  });

  const catalogInternal = [
    '/api/catalog/internal/holds',
    '/api/catalog/%69nternal/holds',
    '/api/catalog/%49nternal/holds',
    '/api/catalog/Internal/holds',
    '/api/catalog/INTERNAL/holds',
    '/api/catalog/internal%2Fholds',
    '/api/catalog/internal%2fholds',
    '/api/catalog/internal%252Fholds',
    '/api/catalog/%2569nternal/holds',
    '/api/catalog//internal/holds',
    '/api/catalog///internal/holds',
    '/api/catalog/./internal/holds',
    '/api/catalog/x/../internal/holds',
    '/api/catalog/x/%2e%2e/internal/holds',
    '/api/catalog/x/%2E%2E/internal/holds',
    '/api/catalog/x/.%2e/internal/holds',
    '/api/catalog/%2e/internal/holds',
    '/api/catalog/x/..',
    '/api/catalog/x/%c0%ae%c0%ae/internal/holds',
    '/api/catalog/%c0%afinternal/holds',
    '/api/catalog/%e0%80%afinternal/holds',
    '/api/catalog/\\internal/holds',
    '/api/catalog/internal\\holds',
    '/api/catalog\\internal\\holds',
    '/api/catalog/%5cinternal/holds',
    '/api/catalog/%5Cinternal/holds',
    '/api/catalog/internal;x/holds',
    '/api/catalog/internal;/holds',
    '/api/catalog/;/internal/holds',
    '/api/catalog/internal%00/holds',
    '/api/catalog/internal%3F/holds',
    '/api/catalog/inte%09rnal/holds',
    '/api/catalog/internal#x',
    '/api/catalog/internal?x',
    '/api/%63atalog/internal/holds',
    '/api//catalog/internal/holds',
    '/API/catalog/internal/holds',
    '/Api/catalog/internal/holds',
    'http://shop.test/api/catalog/internal/holds',
    '*',
  ];
  const metrics = [
    '/api/catalog/metrics',
    '/api/catalog/metrics/',
    '/api/catalog/METRICS',
    '/api/catalog/%6detrics',
    '/api/catalog/metrics%00',
    '/api/catalog/metrics#',
    '/api/catalog/metrics;x',
    '/api/catalog/./metrics',
    '/api/catalog//metrics',
    '/api/catalog/metrics%2F',
    '/metrics',
    '/%6detrics',
    '//metrics',
    '/./metrics',
    '/x/../metrics',
    '/Metrics',
  ];
  const siteInternal = ['/internal/x', '/%69nternal/x', '//internal/x', '/./internal/x', '/x/../internal/x'];
  // identity's OAuth2 client-credentials endpoint issues service tokens: cluster-internal only.
  const serviceToken = [
    '/api/identity/v1/oauth/token',
    '/api/identity/v1/oauth/token/',
    '/api/identity/v1/oauth/token?grant_type=client_credentials',
    '/api/identity/v1/OAuth/Token',
    '/api/identity/v1/oauth/./token',
    '/api/identity/v1/%6fauth/token',
    '/api/identity/v1//oauth/token',
    '/api/identity/v1/oauth/token%2F',
    '/api/identity/v1/oauth/token;x',
    '/api/identity/v1/x/../oauth/token',
  ];

  it.each([...catalogInternal, ...metrics, ...siteInternal])('never lets %j reach a service', async (target) => {
    const before = services.arrivals.length;
    const answer = await rawGet(edge.port, target);
    expect([400, 404]).toContain(answer.status);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(services.arrivals.slice(before)).toEqual([]);
  });

  it.each(serviceToken)('never lets a POST to %j (service tokens) in from outside', async (target) => {
    const before = services.arrivals.length;
    const answer = await rawRequest(
      edge.port,
      [`POST ${target} HTTP/1.1`, 'Host: shop.test', 'Content-Type: application/x-www-form-urlencoded'].join('\r\n'),
    );
    expect([400, 404]).toContain(answer.status);
    expect(services.arrivals.slice(before)).toEqual([]);
  });

  it('answers a disguised path with a 400 problem naming the reason', async () => {
    const answer = await rawGet(edge.port, '/api/catalog/%69nternal/holds');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 400, code: 'invalid_path' });
  });

  it.each([
    // Korean search text and Korean path segments (fruit pages, lot codes) are the shop's daily bread.
    ['/api/catalog/v1/products?q=%EC%82%AC%EA%B3%BC', 'catalog', '/v1/products?q=%EC%82%AC%EA%B3%BC'],
    [
      '/api/catalog/v1/farms/0190a0a0-0000-7000-8000-000000000001/lots/%EC%82%AC%EA%B3%BC-01/trace',
      'catalog',
      '/v1/farms/0190a0a0-0000-7000-8000-000000000001/lots/%EC%82%AC%EA%B3%BC-01/trace',
    ],
    // The query string is the service's to validate, whatever it encodes.
    ['/api/catalog/v1/products?next=/a//b/../c&x=%2F%5C%2e', 'catalog', '/v1/products?next=/a//b/../c&x=%2F%5C%2e'],
    ['/api/identity/v1/sessions', 'identity', '/v1/sessions'],
    ['/api/catalog/v1/internals-report', 'catalog', '/v1/internals-report'],
    ['/fruits/%EC%82%AC%EA%B3%BC/', 'storefront', '/fruits/%EC%82%AC%EA%B3%BC/'],
    ['/fruits/%ec%82%ac%ea%b3%bc/', 'storefront', '/fruits/%ec%82%ac%ea%b3%bc/'],
    ['/farms/x/lots/%EC%82%AC%EA%B3%BC_1/', 'storefront', '/farms/x/lots/%EC%82%AC%EA%B3%BC_1/'],
    ['/data/search-index.json', 'storefront', '/data/search-index.json'],
  ])('passes %j to %s as %j', async (target, service, path) => {
    const before = services.arrivals.length;
    const answer = await rawGet(edge.port, target);
    expect(answer.status).toBe(200);
    expect(services.arrivals.slice(before)).toEqual([{ service, path }]);
  });
});
