import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The shared secret the edge asks of a purge, made once per stack folder and kept with its
 * other local secrets. The stack writes it into the edge's backends.vcl and hands it to the
 * storefront (through its dev-env), so the two always agree.
 */
export function edgePurgeSecret(stackDir: string): string {
  const dir = join(stackDir, 'secrets', 'edge');
  const file = join(dir, 'purge-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
