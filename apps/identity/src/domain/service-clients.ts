import { Unauthorized } from '@fruitables/core';
import { serviceSubject } from '@fruitables/kit/tokens';
import type { IssuedAccessToken } from './access-tokens.ts';
import type { DomainContext } from './context.ts';
import type { PasswordHasher } from './passwords.ts';

/** A service allowed to get its own token: its name (the client id) and a `Bun.password` hash of its secret. */
export interface ServiceClientConfig {
  clientId: string;
  secretHash: string;
}

export interface ServiceClients {
  /** The client's service name when the secret matches; undefined otherwise, after the same work either way. */
  authenticate(clientId: string, secret: string): Promise<string | undefined>;
}

export function createServiceClients(
  configs: readonly ServiceClientConfig[],
  passwords: PasswordHasher,
): ServiceClients {
  const hashes = new Map<string, string>();
  for (const config of configs) {
    serviceSubject(config.clientId); // throws on a name the token contract cannot carry
    if (hashes.has(config.clientId)) throw new RangeError(`service client ${config.clientId} is configured twice`);
    hashes.set(config.clientId, config.secretHash);
  }
  return {
    async authenticate(clientId, secret) {
      const { ok } = await passwords.verify(secret, hashes.get(clientId));
      return ok ? clientId : undefined;
    },
  };
}

/**
 * OAuth2 client credentials: a service trades its id and secret for a short access token with
 * the `service` role and no farms. There is no refresh token; the client simply asks again.
 */
export async function issueServiceToken(
  ctx: Pick<DomainContext, 'serviceClients' | 'tokens'>,
  clientId: string,
  secret: string,
): Promise<IssuedAccessToken> {
  const name = await ctx.serviceClients.authenticate(clientId, secret);
  if (!name) throw new Unauthorized('The client id or secret is wrong.', 'invalid_client');
  return ctx.tokens.issue({ subject: serviceSubject(name), roles: ['service'], farmIds: [] });
}
