import { createTestSigner, type TestSigner } from '@fruitables/kit/testing';

/** identity's two faces a service needs, served from the benchmark process. */
export interface BenchTokenIssuer {
  signer: TestSigner;
  /** What services get as IDENTITY_URL: `/v1/oauth/token` answers client-credentials requests. */
  identityUrl: string;
  jwksUrl: string;
  stop(): Promise<void>;
}

/**
 * In place of a whole identity service: the test signer's key set, and a token endpoint that
 * grants any client the audience and scopes it asks for (signed like identity's, so callees verify
 * them exactly as in production). The grants themselves are identity's concern, not measured here.
 */
export function startTokenIssuer(signer: TestSigner): BenchTokenIssuer {
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    async fetch(request) {
      const path = new URL(request.url).pathname;
      if (path === '/.well-known/jwks.json') return Response.json(signer.jwks);
      if (path === '/v1/oauth/token' && request.method === 'POST') {
        const form = new URLSearchParams(await request.text());
        const basic = (request.headers.get('authorization') ?? '').replace(/^Basic /, '');
        const clientId = decodeURIComponent(atob(basic).split(':')[0] ?? 'service');
        const token = await signer.service(clientId, {
          aud: form.get('audience') ?? undefined,
          scope: form.get('scope') ?? '',
        });
        return Response.json({ access_token: token, token_type: 'Bearer', expires_in: 900 });
      }
      return new Response(null, { status: 404 });
    },
  });
  const base = `http://127.0.0.1:${server.port}`;
  return {
    signer,
    identityUrl: base,
    jwksUrl: `${base}/.well-known/jwks.json`,
    stop: () => server.stop(true),
  };
}

export async function startBenchTokenIssuer(): Promise<BenchTokenIssuer> {
  return startTokenIssuer(await createTestSigner());
}
