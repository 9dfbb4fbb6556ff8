import { Forbidden } from '@fruitables/core';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { KitEnv } from '../types.ts';
import { principalOf } from './guards.ts';
import { assertServiceAccess, type ServiceScopeRequirement, serviceAccessProblem } from './service-scope.ts';

/** The OpenAPI security scheme internal routes declare their scopes under. */
export const SERVICE_TOKEN_SCHEME = 'serviceToken';

/**
 * identity's token endpoint as the OpenAPI documents name it. Services reach it inside the
 * cluster as `<IDENTITY_URL>/v1/oauth/token`; the edge does not route this path from outside.
 */
export const SERVICE_TOKEN_URL = '/api/identity/v1/oauth/token';

/**
 * The `security` of an internal route: a service token with all of `scopes`. This one value is
 * both what the OpenAPI document shows callers and what `guardInternalRoutes` enforces.
 */
export function serviceTokenSecurity(...scopes: [string, ...string[]]): Record<string, string[]>[] {
  return [{ [SERVICE_TOKEN_SCHEME]: scopes }];
}

export interface InternalRoutesOptions {
  /** Authentication accepting this service's audience (plus the people's one, so they get a clear 403). */
  authenticate: MiddlewareHandler<KitEnv>;
  /** This service's name: the `aud` of service tokens minted to call it. */
  audience: string;
  /** Every scope this service grants, with what it allows: documented, and the only ones a route may require. */
  scopes: Record<string, string>;
}

interface DeclaredRoute {
  method: string;
  path: string;
  security?: Record<string, string[]>[];
}

function isDeclaredRoute(definition: unknown): definition is { type: 'route'; route: DeclaredRoute } {
  if (typeof definition !== 'object' || definition === null) return false;
  return 'type' in definition && definition.type === 'route' && 'route' in definition;
}

/** `/internal/v1/holds/{holdId}` as Hono registers it: `/internal/v1/holds/:holdId` (same rule as OpenAPIHono). */
const honoPath = (openApiPath: string) => openApiPath.replaceAll(/\/{(.+?)}/g, '/:$1');

const isInternalPath = (path: string) => path === '/internal' || path.startsWith('/internal/');

/**
 * Puts every internal route of `app` behind a scoped service token, however it was written.
 * Call it in `createApp` before registering routes. It guards, fail-closed:
 *  - every request whose path is under `/internal`, and
 *  - every route, wherever its path, whose OpenAPI `security` names the `serviceToken` scheme.
 * The scopes a request needs are those the matched route declares with `serviceTokenSecurity`
 * (any one requirement satisfied in full). A route under `/internal` that declares none, an
 * unknown `/internal` path, or a scope the service does not list in `scopes` refuses every
 * caller (403 `insufficient_scope` after authentication): forgetting the declaration locks
 * the route rather than opening it.
 */
export function guardInternalRoutes(app: OpenAPIHono<KitEnv>, options: InternalRoutesOptions): void {
  // Hono runs handlers in registration order: a route registered before this guard would answer unguarded.
  const early = app.routes.find((route) => isInternalPath(route.path));
  if (early) throw new Error(`guardInternalRoutes must run before routes are registered (${early.path} came first)`);
  app.openAPIRegistry.registerComponent('securitySchemes', SERVICE_TOKEN_SCHEME, {
    type: 'oauth2',
    description: `A service token from identity (client credentials at identity's /v1/oauth/token, inside the cluster only) with \`audience=${options.audience}\` and the route's scope.`,
    flows: { clientCredentials: { tokenUrl: SERVICE_TOKEN_URL, scopes: options.scopes } },
  });

  // Built on first use, when every route is registered; rebuilt if routes are added later.
  let declared: Map<string, string[][]> | undefined;
  let declaredFrom = -1;
  const declaredScopes = (method: string, path: string): string[][] | undefined => {
    const definitions = app.openAPIRegistry.definitions;
    if (!declared || declaredFrom !== definitions.length) {
      declared = new Map();
      for (const definition of definitions) {
        if (!isDeclaredRoute(definition)) continue;
        const requirements = (definition.route.security ?? []).flatMap((requirement) => {
          const scopes = requirement[SERVICE_TOKEN_SCHEME];
          return scopes ? [scopes] : [];
        });
        if (requirements.length > 0) {
          declared.set(`${definition.route.method.toUpperCase()} ${honoPath(definition.route.path)}`, requirements);
        }
      }
      declaredFrom = definitions.length;
    }
    return declared.get(`${method} ${path}`);
  };

  /** The route that will answer: the first matched non-middleware route after this guard. */
  const handlerRouteOf = (c: Context<KitEnv>) =>
    matchedRoutes(c)
      .slice(c.req.routeIndex + 1)
      .find((route) => route.method !== 'ALL');

  app.use('*', async (c, next) => {
    const route = handlerRouteOf(c);
    const requirements = route ? declaredScopes(route.method, route.path) : undefined;
    if (!requirements && !isInternalPath(c.req.path)) return next();

    let authenticated = false;
    await options.authenticate(c, async () => {
      authenticated = true;
    });
    // authenticate throws on a bad token; this only guards against a middleware that neither threw nor passed.
    if (!authenticated) throw new Forbidden('This route is for other services only.', 'service_only');
    const principal = principalOf(c);

    const grantable = (requirement: string[]) => requirement.every((scope) => scope in options.scopes);
    const checks: ServiceScopeRequirement[] = (requirements ?? [])
      .filter(grantable)
      .map((scopes) => ({ audience: options.audience, scopes }));
    const [first] = checks;
    if (!first) {
      c.get('logger').error({ route: route?.path ?? c.req.path }, 'internal route declares no grantable scope');
      const problem = serviceAccessProblem(principal, { audience: options.audience, scopes: [] });
      throw new Forbidden(
        problem?.message ?? 'No service token may call this route: it declares no scope.',
        problem?.code ?? 'insufficient_scope',
      );
    }
    if (!checks.some((check) => serviceAccessProblem(principal, check) === undefined)) {
      // Refused: the problem of the requirement the document lists first.
      assertServiceAccess(c, principal, first);
    }
    return next();
  });
}
