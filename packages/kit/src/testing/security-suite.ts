import type { Clock } from '@fruitables/core';
import { decodeJwt, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_TYPE, type Role } from '../auth/claims.ts';
import { createTestSigner, type TestSigner } from '../auth/testing.ts';
import { type DocumentedOperation, documentedOperations, type OpenApiDocument } from './openapi-operations.ts';
import type { RequestClient, RequestOptions, TestResponse } from './request-client.ts';

/** What the suite needs from a service's harness. */
export interface SecurityTarget {
  client: RequestClient;
  /** Mints tokens the app accepts (the harness's signer). */
  signer: TestSigner;
  /** The clock the app checks expiry against. */
  clock: Clock;
}

export interface SecuritySuiteOptions {
  /**
   * The suite fails unless the document marks at least this many routes as protected, so a
   * service whose routes lost their `security` cannot pass by having nothing to check. Zero
   * only for a service with no API of its own (any protected route it grows is still checked).
   */
  minimumProtectedRoutes: number;
  /**
   * Path parameter values to use instead of the document's examples, read after `beforeAll`.
   * Give a `farmId` that exists: a missing farm answers `farm_not_found` exactly like a farm the
   * caller may not manage, so only a real farm shows whether a farmer gets past the guards.
   */
  pathValues?: () => Record<string, string>;
}

export interface SecuritySuite {
  /** The protected operations found in the document (after the suite's `beforeAll`). */
  operations(): DocumentedOperation[];
  /** Sends the token to every protected route and expects the same refusal from each; for a service's own extra cases. */
  expectEveryRouteRefuses(token: string | undefined, status?: number): Promise<void>;
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const A_FARM_NOBODY_MANAGES = '0193a0c4-5b1e-7c3a-9f00-00000000dead';

function requestFor(operation: DocumentedOperation, token: string | undefined): RequestOptions {
  const withToken = token === undefined ? {} : { token };
  if (operation.contentType === 'application/json') return { ...withToken, json: operation.body ?? {} };
  if (operation.contentType === 'multipart/form-data') return { ...withToken, body: new FormData() };
  if (operation.contentType !== undefined) {
    return { ...withToken, body: '', headers: { 'content-type': operation.contentType } };
  }
  return withToken;
}

const sendTo = (client: RequestClient, operation: DocumentedOperation, token: string | undefined) =>
  client.request(operation.method, operation.path, requestFor(operation, token));

const line = (operation: DocumentedOperation, label: string, outcome: string | number) =>
  `${operation.method} ${operation.template}${label} → ${outcome}`;

/** A refusal as the suite reports it: the status, and that it is a problem (with a Bearer challenge on 401). */
function outcomeOf(response: TestResponse): string {
  const isProblem = response.headers.get('content-type') === 'application/problem+json';
  if (!isProblem) return `${response.status} (not problem+json)`;
  if (response.status === 401 && !(response.headers.get('www-authenticate') ?? '').startsWith('Bearer ')) {
    return '401 (no Bearer challenge)';
  }
  return String(response.status);
}

/** The farm a route names in its path, if any: farm-scoped routes answer strangers 404, never 403. */
const farmOf = (operation: DocumentedOperation): string | undefined => operation.pathParams.farmId;

/**
 * THE security suite, generated from the service's own `/openapi.json`: every route whose
 * document requires a bearer token is sent no token, malformed and forged tokens, expired
 * ones, tokens of unknown keys and of the wrong audience, issuer or type, and must refuse each
 * with 401 problem+json. Every route documents the roles it admits (`x-fruitables-roles`, set by
 * `bearerSecurity`); every other role must be refused (403, or 404 on a `{farmId}` route, which
 * never reveals that a farm exists), a farmer of another farm gets 404, and each admitted role
 * must get past the guards. Routes added later are covered without anyone remembering.
 */
export function describeSecuritySuite(
  service: string,
  target: () => SecurityTarget,
  options: SecuritySuiteOptions,
): SecuritySuite {
  let protectedOperations: DocumentedOperation[] = [];

  async function expectEveryRouteRefuses(token: string | undefined, status = 401): Promise<void> {
    const { client } = target();
    const results = await Promise.all(
      protectedOperations.map(async (operation) =>
        line(operation, '', outcomeOf(await sendTo(client, operation, token))),
      ),
    );
    expect(results).toEqual(protectedOperations.map((operation) => line(operation, '', status)));
  }

  function tokenAs(role: Role, operation: DocumentedOperation, farmId = farmOf(operation)): Promise<string> {
    const { signer } = target();
    if (role === 'farmer') return signer.farmer([farmId ?? A_FARM_NOBODY_MANAGES]);
    if (role === 'service') return signer.service('security-suite');
    if (role === 'admin') return signer.admin();
    return signer.shopper();
  }

  describe(`${service}: every protected route in the OpenAPI document`, () => {
    beforeAll(async () => {
      const response = await target().client.get('/openapi.json');
      expect(response.status).toBe(200);
      protectedOperations = documentedOperations(response.json as OpenApiDocument, options.pathValues?.()).filter(
        (o) => o.bearer,
      );
    });

    it(`is found: at least ${options.minimumProtectedRoutes} route(s) require a bearer token`, () => {
      expect(
        protectedOperations.length,
        `${service}'s /openapi.json marks ${protectedOperations.length} routes as needing a bearer token; did a route lose its security requirement?`,
      ).toBeGreaterThanOrEqual(options.minimumProtectedRoutes);
    });

    it('documents the roles it admits (x-fruitables-roles, from bearerSecurity)', () => {
      const undocumented = protectedOperations.filter((o) => o.roles === undefined || o.roles.length === 0);
      expect(undocumented.map((o) => `${o.method} ${o.template}`)).toEqual([]);
    });

    it('answers 401 without a token', async () => {
      await expectEveryRouteRefuses(undefined);
    });

    it('answers 401 to tokens that are not JWTs at all', async () => {
      await expectEveryRouteRefuses('not-a-jwt');
      await expectEveryRouteRefuses(`${encode({ alg: 'ES256' })}.%%%.${encode('x')}`);
    });

    it('answers 401 to an unsigned token (alg none) claiming admin', async () => {
      const { signer } = target();
      const claims = decodeJwt(await signer.admin());
      await expectEveryRouteRefuses(
        `${encode({ alg: 'none', typ: ACCESS_TOKEN_TYPE, kid: signer.kid })}.${encode(claims)}.`,
      );
    });

    it('answers 401 to an HS256 token keyed with the public key (algorithm confusion)', async () => {
      const { signer } = target();
      const claims = decodeJwt(await signer.admin());
      const secret = new TextEncoder().encode(JSON.stringify(signer.jwks.keys[0]));
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', kid: signer.kid, typ: ACCESS_TOKEN_TYPE })
        .sign(secret);
      await expectEveryRouteRefuses(token);
    });

    it('answers 401 to a token whose payload was altered after signing', async () => {
      const [header, payload, signature] = (await target().signer.shopper()).split('.');
      const altered = { ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), roles: ['admin'] };
      await expectEveryRouteRefuses(`${header}.${encode(altered)}.${signature}`);
    });

    it('answers 401 to tokens signed by a key the service does not trust', async () => {
      const { clock, signer } = target();
      await expectEveryRouteRefuses(await (await createTestSigner({ clock })).admin());
      // The same kid as a trusted key, but a different key behind it.
      await expectEveryRouteRefuses(await (await createTestSigner({ clock, kid: signer.kid })).admin());
    });

    it('answers 401 to an expired token, and to one not valid yet', async () => {
      const { clock, signer } = target();
      const now = Math.floor(clock.now().getTime() / 1000);
      await expectEveryRouteRefuses(await signer.admin({ iat: now - 20 * 60, nbf: now - 20 * 60, exp: now - 16 * 60 }));
      await expectEveryRouteRefuses(await signer.admin({ iat: now, nbf: now + 10 * 60, exp: now + 15 * 60 }));
    });

    it('answers 401 to tokens for another audience, from another issuer, or of another type', async () => {
      const { signer } = target();
      await expectEveryRouteRefuses(await signer.admin({ aud: 'someone-else' }));
      await expectEveryRouteRefuses(await signer.admin({ iss: 'someone-else' }));
      await expectEveryRouteRefuses(await signer.sign({ roles: ['admin'] }, { typ: 'JWT' }));
    });

    it('answers 401 to a signed token whose claims break the contract', async () => {
      const { signer } = target();
      // A person's subject with the service role; then roles missing altogether.
      await expectEveryRouteRefuses(await signer.sign({ roles: ['service'] }));
      await expectEveryRouteRefuses(await signer.sign({ roles: undefined }));
    });

    it('refuses every role the route does not admit (403; 404 on a {farmId} route)', async () => {
      const { client } = target();
      const cases = protectedOperations.flatMap((operation) =>
        (['shopper', 'farmer', 'admin', 'service'] as const)
          .filter((role) => !(operation.roles ?? []).includes(role))
          .map((role) => ({ operation, role })),
      );
      const results = await Promise.all(
        cases.map(async ({ operation, role }) => {
          const response = await sendTo(client, operation, await tokenAs(role, operation));
          return line(operation, ` as ${role}`, outcomeOf(response));
        }),
      );
      expect(results).toEqual(
        cases.map(({ operation, role }) => line(operation, ` as ${role}`, farmOf(operation) === undefined ? 403 : 404)),
      );
    });

    it('answers a farmer of another farm 404 farm_not_found on every {farmId} route', async () => {
      const { client, signer } = target();
      const farmRoutes = protectedOperations.filter((o) => farmOf(o) !== undefined && o.roles?.includes('farmer'));
      const results = await Promise.all(
        farmRoutes.map(async (operation) => {
          const response = await sendTo(client, operation, await signer.farmer([A_FARM_NOBODY_MANAGES]));
          const code = response.status === 404 ? response.problem.code : '';
          return line(operation, '', `${outcomeOf(response)} ${code}`);
        }),
      );
      expect(results).toEqual(farmRoutes.map((operation) => line(operation, '', '404 farm_not_found')));
    });

    it('lets every admitted role past the guards (the documented roles are the enforced ones)', async () => {
      const { client } = target();
      const cases = protectedOperations.flatMap((operation) =>
        (operation.roles ?? []).map((role) => ({ operation, role })),
      );
      const results = await Promise.all(
        cases.map(async ({ operation, role }) => {
          const response = await sendTo(client, operation, await tokenAs(role, operation));
          const json = response.json;
          const code = json !== null && typeof json === 'object' && 'code' in json ? String(json.code) : '';
          const refused = response.status === 401 || response.status === 403 || code === 'farm_not_found';
          return line(operation, ` as ${role}`, refused ? `refused ${response.status} ${code}` : 'let through');
        }),
      );
      expect(results).toEqual(cases.map(({ operation, role }) => line(operation, ` as ${role}`, 'let through')));
    });
  });

  return { operations: () => protectedOperations, expectEveryRouteRefuses };
}
