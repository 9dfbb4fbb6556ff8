import { isServiceScope, serviceSubject } from '@fruitables/kit/tokens';
import { clientSecretVerifier, hashClientSecret, newClientSecret } from './client-secret-hash.ts';

/** A service allowed to get its own tokens: its name (the client id), its secret's HMAC and the scopes it may get. */
export interface ServiceClientConfig {
  clientId: string;
  /** `hmac-sha256$<key>$<mac>` of its 256-bit secret (see client-secret-hash.ts). */
  secretHash: string;
  /** Scopes it may be granted, each `<callee>:<permission>` (e.g. orders: `catalog:holds`). */
  scopes: readonly string[];
}

/** A client whose secret matched. */
export interface AuthenticatedClient {
  clientId: string;
  scopes: readonly string[];
}

export interface ServiceClients {
  /** The client when the secret matches; undefined otherwise, after the same work either way. */
  authenticate(clientId: string, secret: string): AuthenticatedClient | undefined;
}

export function createServiceClients(configs: readonly ServiceClientConfig[]): ServiceClients {
  const clients = new Map<string, AuthenticatedClient & { verify: (secret: string) => boolean }>();
  for (const config of configs) {
    serviceSubject(config.clientId); // throws on a name the token contract cannot carry
    if (clients.has(config.clientId)) throw new RangeError(`service client ${config.clientId} is configured twice`);
    const badScope = config.scopes.find((scope) => !isServiceScope(scope));
    if (badScope) throw new RangeError(`service client ${config.clientId}: not a scope: ${badScope}`);
    clients.set(config.clientId, {
      clientId: config.clientId,
      scopes: [...config.scopes],
      verify: clientSecretVerifier(config.secretHash),
    });
  }
  // An unknown client id still costs one HMAC, so timing does not tell which ids exist.
  const unknown = clientSecretVerifier(hashClientSecret(newClientSecret()));
  return {
    authenticate(clientId, secret) {
      const client = clients.get(clientId);
      if (!client) {
        unknown(secret);
        return undefined;
      }
      return client.verify(secret) ? { clientId: client.clientId, scopes: client.scopes } : undefined;
    },
  };
}
