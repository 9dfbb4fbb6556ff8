import { Forbidden } from '@fruitables/core';
import type { Context, MiddlewareHandler } from 'hono';
import type { KitEnv } from '../types.ts';
import type { Principal } from './claims.ts';
import { principalOf } from './guards.ts';

/** The stable `code`s of a 403 from the service-token checks. */
export type ServiceAccessProblemCode = 'service_only' | 'wrong_audience' | 'insufficient_scope';

export interface ServiceScopeRequirement {
  /** This service's name: a service token must have been minted for it (`aud`). */
  audience: string;
  /** Every one of these scopes must have been granted (`scope`). */
  scopes: readonly string[];
}

/**
 * Why `principal` may not make a call that needs `requirement`, or undefined when it may.
 * Kept apart from the middleware so the internal-route guard and `requireServiceScope` say the
 * same thing in the same words.
 */
export function serviceAccessProblem(
  principal: Principal,
  requirement: ServiceScopeRequirement,
): { code: ServiceAccessProblemCode; message: string } | undefined {
  if (!principal.roles.includes('service')) {
    return { code: 'service_only', message: 'This route is for other services only.' };
  }
  if (!principal.audiences.includes(requirement.audience)) {
    return { code: 'wrong_audience', message: `This service token was not issued for ${requirement.audience}.` };
  }
  const missing = requirement.scopes.filter((scope) => !principal.scopes.includes(scope));
  if (missing.length > 0) {
    return { code: 'insufficient_scope', message: `This service token lacks the scope ${missing.join(' ')}.` };
  }
  return undefined;
}

/** Throws the 403 for a failed requirement, with RFC 6750 §3.1's `insufficient_scope` challenge. */
export function assertServiceAccess(
  c: Context<KitEnv>,
  principal: Principal,
  requirement: ServiceScopeRequirement,
): void {
  const problem = serviceAccessProblem(principal, requirement);
  if (!problem) return;
  if (problem.code === 'insufficient_scope') {
    c.header(
      'WWW-Authenticate',
      `Bearer realm="fruitables", error="insufficient_scope", scope="${requirement.scopes.join(' ')}"`,
    );
  }
  throw new Forbidden(problem.message, problem.code);
}

/**
 * Lets the request through only for a service token minted for `audience` that was granted
 * `scope`: `requireServiceScope({ audience: 'catalog', scope: 'catalog:holds' })`. A person's
 * token (shopper, farmer, even admin) is a 403 `service_only`; a token for another service a
 * 403 `wrong_audience` (when authentication accepted its audience at all); a missing scope a 403
 * `insufficient_scope`. Put `authenticate` in front of it.
 *
 * Internal routes need not use this by hand: `guardInternalRoutes` applies the same check to
 * every `/internal` route from the scopes the route declares.
 */
export function requireServiceScope(requirement: { audience: string; scope: string }): MiddlewareHandler<KitEnv> {
  const normalized: ServiceScopeRequirement = { audience: requirement.audience, scopes: [requirement.scope] };
  return async (c, next) => {
    assertServiceAccess(c, principalOf(c), normalized);
    return next();
  };
}
