import { Forbidden } from '@fruitables/core';
import { type KitEnv, principalOf } from '@fruitables/kit';
import type { Context } from 'hono';

/**
 * The account id of a signed-in person. Service tokens (`service:<name>`) have no account,
 * profile or sessions, so they are refused on account routes rather than queried as an id.
 */
export function accountIdOf(c: Context<KitEnv>): string {
  const principal = principalOf(c);
  if (principal.roles.includes('service')) {
    throw new Forbidden('This route is for signed-in people, not services.', 'not_an_account');
  }
  return principal.subject;
}
