import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.ts';
import { k3sPasswordPlaceholder, renderAclFile } from './redis-acl.ts';

/**
 * Writes k3s/base/redis/users.acl from redis-acl.ts: the rules, with a placeholder where
 * each user's password hash goes (Redis's init container fills them in from the Secrets).
 * Run after changing redis-acl.ts: `bun packages/stack/src/redis-acl-k3s.ts`.
 */
const file = join(repoRoot, 'k3s/base/redis/users.acl');
writeFileSync(file, renderAclFile(k3sPasswordPlaceholder));
console.log(`wrote ${file}`);
