import { DomainError, Unauthorized } from '@fruitables/core';
import { scopeAudience, serviceSubject } from '@fruitables/kit/tokens';
import type { IssuedAccessToken } from './access-tokens.ts';
import type { DomainContext } from './context.ts';

export interface ServiceTokenRequest {
  clientId: string;
  secret: string;
  /** The one service the token is for. */
  audience: string;
  /** Scopes asked for; none means every scope the client holds at that audience. */
  scopes: readonly string[];
}

/** RFC 6749 §5.2 `invalid_scope`: a 400 naming the `scope` field. */
function invalidScope(message: string): DomainError {
  return new DomainError('invalid', 'invalid_scope', message, { fields: [{ field: 'form.scope', message }] });
}

/**
 * OAuth2 client credentials: a service trades its id and secret for a short access token for
 * one callee (`aud`) with the scopes it asked for, each of which it must have been granted.
 * There is no refresh token; the client simply asks again.
 */
export async function issueServiceToken(
  ctx: Pick<DomainContext, 'serviceClients' | 'tokens'>,
  request: ServiceTokenRequest,
): Promise<IssuedAccessToken & { scopes: string[] }> {
  const client = ctx.serviceClients.authenticate(request.clientId, request.secret);
  if (!client) throw new Unauthorized('The client id or secret is wrong.', 'invalid_client');
  const atAudience = client.scopes.filter((scope) => scopeAudience(scope) === request.audience);
  const requested = request.scopes.length > 0 ? [...new Set(request.scopes)] : atAudience;
  const refused = requested.filter((scope) => !atAudience.includes(scope));
  if (refused.length > 0) {
    throw invalidScope(`This client may not have ${refused.join(' ')} at ${request.audience}.`);
  }
  if (requested.length === 0) throw invalidScope(`This client holds no scope at ${request.audience}.`);
  const issued = await ctx.tokens.issue({
    subject: serviceSubject(client.clientId),
    roles: ['service'],
    farmIds: [],
    audience: request.audience,
    scope: requested.join(' '),
  });
  return { ...issued, scopes: requested };
}
