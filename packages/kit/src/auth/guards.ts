import { Forbidden, farmNotFound } from '@fruitables/core';
import type { Context, Input, MiddlewareHandler } from 'hono';
import type { KitEnv } from '../types.ts';
import { withChallenge } from './challenge.ts';
import type { Principal, Role } from './claims.ts';
import { tokenMissing } from './verify.ts';

/**
 * The authenticated caller. Throws a 401 when there is none, which happens on a route whose
 * `authenticate` was optional, or that forgot `authenticate` altogether: failing closed.
 */
export function principalOf<E extends KitEnv, P extends string, I extends Input>(c: Context<E, P, I>): Principal {
  const principal = c.get('principal');
  if (!principal) throw withChallenge(c, tokenMissing());
  return principal;
}

/** Lets the request through when the caller holds at least one of `roles`; otherwise 403 `forbidden_role`. */
export function requireRole(...roles: [Role, ...Role[]]): MiddlewareHandler<KitEnv> {
  return async (c, next) => {
    const principal = principalOf(c);
    if (!principal.roles.some((role) => roles.includes(role))) {
      throw new Forbidden(`This needs one of these roles: ${roles.join(', ')}.`, 'forbidden_role');
    }
    return next();
  };
}

/** Admins manage every farm; a farmer only the farms in their token. */
export function canManageFarm(principal: Principal, farmId: string): boolean {
  if (principal.roles.includes('admin')) return true;
  return principal.roles.includes('farmer') && principal.farmIds.includes(farmId);
}

/**
 * Lets the request through when the caller may manage the farm the request names. Anyone
 * else gets `farm_not_found` (404, not 403), exactly what a farm that does not exist answers,
 * so a farmer cannot probe which farm ids exist. Services should answer a truly missing farm
 * with `farmNotFound()` so the two stay indistinguishable.
 */
export function requireFarmAccess(
  farmIdOf: (c: Context<KitEnv>) => string | undefined | Promise<string | undefined>,
): MiddlewareHandler<KitEnv> {
  return async (c, next) => {
    const principal = principalOf(c);
    const farmId = await farmIdOf(c);
    if (farmId === undefined || !canManageFarm(principal, farmId)) throw farmNotFound();
    return next();
  };
}
