import type { AccountRole } from '@fruitables/schema-identity';

/**
 * The roles a session's access tokens carry. The admin role is only ever in a token of a
 * session that was started with a verified second factor; any other session of an admin
 * (a social login, a session from before the account became an admin) carries the account's
 * other roles. Null when nothing is left: that session may not have tokens at all.
 */
export function sessionRoles(roles: readonly AccountRole[], secondFactorAt: Date | null): AccountRole[] | null {
  if (secondFactorAt || !roles.includes('admin')) return [...roles];
  const rest = roles.filter((role) => role !== 'admin');
  return rest.length > 0 ? rest : null;
}
