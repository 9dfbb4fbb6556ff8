import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.ts';

/** A service as the stack sees it: declared by `"fruitables": { "service", "port" }` in its package.json. */
export interface ServiceApp {
  name: string;
  /** The port it prefers locally; the stack moves it if something else holds it. */
  preferredPort: number;
  dir: string;
  entry: string;
  /** Optional `src/dev-env.ts` exporting devEnv(secretsDir): local secrets made on first use. */
  devEnvModule: string | null;
  /** Optional `src/seed.ts`: loads demo data, safe to run on every `up`. */
  seedScript: string | null;
}

interface AppManifest {
  fruitables?: { service?: string; port?: number };
}

export function discoverServices(): ServiceApp[] {
  const appsDir = join(repoRoot, 'apps');
  if (!existsSync(appsDir)) return [];
  const services: ServiceApp[] = [];
  for (const entry of readdirSync(appsDir).sort()) {
    const manifestPath = join(appsDir, entry, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as AppManifest;
    const name = manifest.fruitables?.service;
    const port = manifest.fruitables?.port;
    if (!name || !port) continue;
    const dir = join(appsDir, entry);
    const optional = (file: string) => (existsSync(join(dir, file)) ? join(dir, file) : null);
    services.push({
      name,
      preferredPort: port,
      dir,
      entry: join(dir, 'src/main.ts'),
      devEnvModule: optional('src/dev-env.ts'),
      seedScript: optional('src/seed.ts'),
    });
  }
  return services;
}

/** What a service's dev-env module may ask of the local stack. */
export interface LocalStack {
  /** Where another service of the stack answers, e.g. `http://127.0.0.1:7101` for identity. */
  serviceUrl(name: string): string;
  /** The edge: the shop's URL, and where the storefront purges. */
  edgeUrl(): string;
  /** The secret the edge asks of a purge (see edge-secret.ts). */
  edgePurgeSecret(): string;
  /** The local mail catcher's SMTP server, where every service's mail goes. */
  smtpUrl(): string;
}

type DevEnv = (secretsDir: string, stack: LocalStack) => Promise<Record<string, string>>;

/**
 * Asks the service's own `src/dev-env.ts` for its local settings: secrets it creates once
 * (signing keys and the like) and where the services it talks to are.
 */
export async function devEnvFor(
  service: ServiceApp,
  secretsDir: string,
  stack: LocalStack,
): Promise<Record<string, string>> {
  if (!service.devEnvModule) return {};
  const module = (await import(service.devEnvModule)) as { devEnv?: DevEnv };
  return module.devEnv ? module.devEnv(secretsDir, stack) : {};
}
