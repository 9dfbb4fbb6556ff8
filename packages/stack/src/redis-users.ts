import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_USER, hashedPassword, renderAclFile, serviceRedisAccess } from './redis-acl.ts';

/**
 * The local stack's Redis passwords: one per user of redis-acl.ts, made once per stack
 * folder and kept with its other local secrets, so the ACL file Redis loads and the
 * REDIS_URL each service gets always agree.
 */
export function redisPassword(stackDir: string, user: string): string {
  const dir = join(stackDir, 'secrets', 'redis');
  const file = join(dir, user);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // base64url: nothing in it needs escaping in a URL's user info.
  const password = Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** Writes the ACL file for the stack in `stackDir` (passwords only as SHA-256 hashes). */
export function writeLocalAclFile(stackDir: string, file: string): void {
  writeFileSync(
    file,
    renderAclFile((user) => hashedPassword(redisPassword(stackDir, user))),
    { mode: 0o600 },
  );
}

const urlAs = (user: string, password: string, port: number) =>
  `redis://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`;

/** The REDIS_URL of one service: its own user, so Redis enforces what it may touch. */
export function serviceRedisUrl(stackDir: string, port: number, service: string): string {
  if (!serviceRedisAccess.some((access) => access.service === service)) {
    throw new Error(`${service} has no Redis user: say what it may do in packages/stack/src/redis-acl.ts`);
  }
  return urlAs(service, redisPassword(stackDir, service), port);
}

/** The admin user's URL, for the stack's own checks and for people inspecting streams. */
export const adminRedisUrl = (stackDir: string, port: number): string =>
  urlAs(ADMIN_USER, redisPassword(stackDir, ADMIN_USER), port);

export const adminRedisCredentials = (stackDir: string): { user: string; password: string } => ({
  user: ADMIN_USER,
  password: redisPassword(stackDir, ADMIN_USER),
});
