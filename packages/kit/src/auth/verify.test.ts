import { base64url, decodeJwt, exportSPKI, generateKeyPair, importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_LIFETIME_SECONDS } from './claims.ts';
import { appWithAuthentication, connectRedis, expectTokenRejected, type TestRedis } from './test-fixtures.ts';
import { bearer, createTestSigner, type TestSigner } from './testing.ts';
import { verifyAccessToken } from './verify.ts';

let redis: TestRedis;
let signer: TestSigner;
let app: ReturnType<typeof appWithAuthentication>;

beforeAll(async () => {
  redis = await connectRedis();
  signer = await createTestSigner();
  app = appWithAuthentication({ keys: signer.keys, redis });
});
afterAll(async () => {
  await redis.close();
});

const me = (headers: Record<string, string> = {}) => app.request('/v1/me', { headers });
const nowSeconds = () => Math.floor(Date.now() / 1000);
const encodeJson = (value: unknown) => base64url.encode(JSON.stringify(value));

/** A token with a valid payload whose header and signature are made by hand. */
async function validClaims() {
  return decodeJwt(await signer.sign());
}

async function signerPublicKey() {
  const [jwk] = signer.jwks.keys;
  if (!jwk) throw new Error('signer has no key');
  const key = await importJWK(jwk, 'ES256', { extractable: true });
  if (key instanceof Uint8Array) throw new Error('expected an EC public key');
  return key;
}

describe('verifying access tokens: accepted', () => {
  it('returns the principal of a valid token', async () => {
    const farmId = crypto.randomUUID();
    const token = await signer.farmer([farmId], { sub: '0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b' });
    const principal = await verifyAccessToken(token, { keys: signer.keys });
    expect(principal).toMatchObject({
      subject: '0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b',
      roles: ['farmer'],
      farmIds: [farmId],
    });
    expect(principal.tokenId).toMatch(/^[0-9a-f-]{36}$/);
    expect(principal.expiresAt.getTime() - principal.issuedAt.getTime()).toBe(ACCESS_TOKEN_LIFETIME_SECONDS * 1000);
  });

  it('puts the principal on the request for a valid Bearer token, scheme in any case', async () => {
    const token = await signer.admin();
    const res = await me({ authorization: `bearer ${token}` });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ roles: ['admin'], farmIds: [] });
  });

  it('accepts a service token', async () => {
    const res = await me(bearer(await signer.service('orders')));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ subject: 'service:orders', roles: ['service'] });
  });

  it('tolerates a few seconds of clock skew on exp', async () => {
    const res = await me(bearer(await signer.sign({ exp: nowSeconds() - 2 })));
    expect(res.status).toBe(200);
  });
});

describe('verifying access tokens: refused with 401', () => {
  it('refuses a request without a token', async () => {
    await expectTokenRejected(await me(), 'token_missing');
  });

  it('refuses an Authorization header that is not Bearer', async () => {
    await expectTokenRejected(await me({ authorization: 'Basic dXNlcjpwYXNz' }), 'token_invalid');
  });

  it('refuses a Bearer header with no token', async () => {
    await expectTokenRejected(await me({ authorization: 'Bearer ' }), 'token_invalid');
  });

  it('refuses alg none', async () => {
    const token = `${encodeJson({ alg: 'none', typ: 'at+jwt', kid: signer.kid })}.${encodeJson(await validClaims())}.`;
    await expectTokenRejected(await me(bearer(token)), 'token_invalid');
  });

  it('refuses HS256 keyed with our public key in PEM form (algorithm confusion)', async () => {
    const secret = new TextEncoder().encode(await exportSPKI(await signerPublicKey()));
    const token = await new SignJWT(await validClaims())
      .setProtectedHeader({ alg: 'HS256', kid: signer.kid, typ: 'at+jwt' })
      .sign(secret);
    await expectTokenRejected(await me(bearer(token)), 'token_invalid');
  });

  it('refuses HS256 keyed with our public JWK as published', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(signer.jwks.keys[0]));
    const token = await new SignJWT(await validClaims())
      .setProtectedHeader({ alg: 'HS256', kid: signer.kid, typ: 'at+jwt' })
      .sign(secret);
    await expectTokenRejected(await me(bearer(token)), 'token_invalid');
  });

  it('refuses RS256', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT(await validClaims())
      .setProtectedHeader({ alg: 'RS256', kid: signer.kid, typ: 'at+jwt' })
      .sign(privateKey);
    await expectTokenRejected(await me(bearer(token)), 'token_invalid');
  });

  it('refuses a token signed by another key claiming our kid', async () => {
    const attacker = await createTestSigner({ kid: signer.kid });
    await expectTokenRejected(await me(bearer(await attacker.admin())), 'token_invalid');
  });

  it('ignores a key embedded in the token header', async () => {
    const attacker = await createTestSigner({ kid: signer.kid });
    const [attackerJwk] = attacker.jwks.keys;
    const token = await attacker.sign({ roles: ['admin'] }, { jwk: attackerJwk });
    await expectTokenRejected(await me(bearer(token)), 'token_invalid');
  });

  it('refuses the wrong issuer', async () => {
    await expectTokenRejected(await me(bearer(await signer.sign({ iss: 'someone-else' }))), 'token_invalid');
  });

  it('refuses the wrong audience', async () => {
    await expectTokenRejected(await me(bearer(await signer.sign({ aud: 'another-app' }))), 'token_invalid');
  });

  it('refuses an expired token as expired', async () => {
    const token = await signer.sign({ iat: nowSeconds() - 1000, nbf: nowSeconds() - 1000, exp: nowSeconds() - 60 });
    await expectTokenRejected(await me(bearer(token)), 'token_expired');
  });

  it('refuses a token older than the access-token lifetime even when its exp is later', async () => {
    const issued = nowSeconds() - ACCESS_TOKEN_LIFETIME_SECONDS - 60;
    const token = await signer.sign({ iat: issued, nbf: issued, exp: nowSeconds() + 3600 });
    await expectTokenRejected(await me(bearer(token)), 'token_expired');
  });

  it('refuses a token that is not valid yet (nbf in the future)', async () => {
    await expectTokenRejected(await me(bearer(await signer.sign({ nbf: nowSeconds() + 60 }))), 'token_invalid');
  });

  it('refuses a tampered payload', async () => {
    const [header, , signature] = (await signer.shopper()).split('.');
    const payload = encodeJson({ ...(await validClaims()), roles: ['admin'] });
    await expectTokenRejected(await me(bearer(`${header}.${payload}.${signature}`)), 'token_invalid');
  });

  it('refuses a tampered signature', async () => {
    const token = await signer.shopper();
    const middle = token.lastIndexOf('.') + 20;
    const flipped = token[middle] === 'A' ? 'B' : 'A';
    const tampered = `${token.slice(0, middle)}${flipped}${token.slice(middle + 1)}`;
    await expectTokenRejected(await me(bearer(tampered)), 'token_invalid');
  });

  it('refuses an unknown kid', async () => {
    await expectTokenRejected(await me(bearer(await signer.sign({}, { kid: 'unknown-kid' }))), 'token_invalid');
  });

  it('refuses a token without a kid', async () => {
    await expectTokenRejected(await me(bearer(await signer.sign({}, { kid: undefined }))), 'token_invalid');
  });

  it('refuses a token without a roles claim', async () => {
    await expectTokenRejected(await me(bearer(await signer.sign({ roles: undefined }))), 'token_invalid');
  });

  it('refuses an unknown role', async () => {
    await expectTokenRejected(await me(bearer(await signer.sign({ roles: ['superuser'] }))), 'token_invalid');
  });

  it('refuses roles that are not a list', async () => {
    await expectTokenRejected(await me(bearer(await signer.sign({ roles: 'admin' }))), 'token_invalid');
  });

  it('refuses an empty roles list', async () => {
    await expectTokenRejected(await me(bearer(await signer.sign({ roles: [] }))), 'token_invalid');
  });

  it('refuses the service role on an account subject', async () => {
    await expectTokenRejected(await me(bearer(await signer.sign({ roles: ['service'] }))), 'token_invalid');
  });

  it('refuses user roles on a service token', async () => {
    const token = await signer.service('orders', { roles: ['service', 'admin'] });
    await expectTokenRejected(await me(bearer(token)), 'token_invalid');
  });

  it('refuses a token without farmIds', async () => {
    await expectTokenRejected(await me(bearer(await signer.sign({ farmIds: undefined }))), 'token_invalid');
  });

  it('refuses a token without a jti', async () => {
    await expectTokenRejected(await me(bearer(await signer.sign({ jti: undefined }))), 'token_invalid');
  });

  it('refuses the wrong typ', async () => {
    await expectTokenRejected(await me(bearer(await signer.sign({}, { typ: 'JWT' }))), 'token_invalid');
  });

  it('refuses a token without typ', async () => {
    await expectTokenRejected(await me(bearer(await signer.sign({}, { typ: undefined }))), 'token_invalid');
  });

  it('refuses an opaque refresh token', async () => {
    const refreshToken = base64url.encode(crypto.getRandomValues(new Uint8Array(32)));
    await expectTokenRejected(await me(bearer(refreshToken)), 'token_invalid');
  });

  it('refuses an absurdly long token without parsing it', async () => {
    await expectTokenRejected(await me(bearer(`${'a'.repeat(5000)}.b.c`)), 'token_invalid');
  });
});
