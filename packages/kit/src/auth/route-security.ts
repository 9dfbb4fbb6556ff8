import type { Role } from './claims.ts';

/** The OpenAPI extension naming the roles a protected route admits, read by the shared security suite. */
export const ROLES_EXTENSION = 'x-fruitables-roles';

/**
 * The OpenAPI part of a route that needs a bearer token: spread it into `createRoute`
 * (`...bearerSecurity(['admin'])`). The roles it records are what the route's middleware
 * enforces; the shared security suite (`@fruitables/kit/testing`) sends every other role and
 * expects a refusal, so the document and the guards cannot drift apart unnoticed.
 */
export function bearerSecurity(roles: readonly [Role, ...Role[]]): {
  security: { bearerAuth: string[] }[];
  'x-fruitables-roles': Role[];
} {
  return { security: [{ bearerAuth: [] }], 'x-fruitables-roles': [...roles] };
}
