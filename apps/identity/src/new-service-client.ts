// Makes a service client for identity: `bun apps/identity/src/new-service-client.ts orders catalog:holds`.
// Prints the entry to add to IDENTITY_SERVICE_CLIENTS (identity's Secret, key `service-clients`)
// and, separately, the secret to give that service alone (its SERVICE_CLIENT_SECRET).
import { isServiceScope, serviceSubject } from '@fruitables/kit';
import { hashClientSecret, newClientSecret } from './domain/client-secret-hash.ts';

const [clientId, ...scopes] = process.argv.slice(2);
if (!clientId) {
  console.error('usage: bun apps/identity/src/new-service-client.ts <client id> [<service>:<permission>…]');
  process.exit(2);
}
serviceSubject(clientId); // throws on a name a token cannot carry
const bad = scopes.find((scope) => !isServiceScope(scope));
if (bad) {
  console.error(`not a scope: ${bad} (a scope is <service>:<permission>, e.g. catalog:holds)`);
  process.exit(2);
}
const secret = newClientSecret();
console.log(
  `IDENTITY_SERVICE_CLIENTS entry: ${JSON.stringify({ clientId, secretHash: hashClientSecret(secret), scopes })}`,
);
console.log(`SERVICE_CLIENT_SECRET for ${clientId}: ${secret}`);
