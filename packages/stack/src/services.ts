import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { repoRoot } from './paths.ts';

/**
 * A stand-in for an outside provider (Toss Payments, tracker.delivery): a real HTTP server
 * speaking the provider's protocol, declared by the service that talks to that provider and
 * run by the stack as a process of its own, so the service under `up` and the browser tests
 * reaches it exactly as it would reach the provider. It must answer `GET /healthz` with 200
 * once it serves; that is how the stack knows it is ready.
 */
export interface StandIn {
  /** Unique across the checkout (`toss`, `tracker`): what `stack.standInUrl(name)` asks for. */
  name: string;
  /** The service that declared it. */
  service: string;
  /** The port it prefers locally; the stack moves it if something else holds it. */
  preferredPort: number;
  dir: string;
  /** Run with `bun`, with `PORT` set. */
  entry: string;
  /** One line for `up` to print beside its URL, e.g. `토스페이먼츠 대역 (Toss Payments stand-in): …`. */
  description: string;
}

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
  /** The outside providers it talks to, stood in for locally (`"standIns"` in its package.json). */
  standIns: StandIn[];
}

const port = z.number().int().min(1024).max(65_535);

/** Lower-case words: names end up in URLs, log file names and `standInUrl('<name>')`. */
const standInName = z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, 'must be lower-case letters, digits and dashes');

const standInsShape = z.record(
  standInName,
  z.strictObject({
    /** Relative to the service's folder, e.g. `src/toss-stand-in/main.ts`. */
    entry: z.string().regex(/^[^/].*\.ts$/, 'must be a .ts file relative to the service folder'),
    port,
    /** One line, Korean then English, on what it stands in for and how to use it. */
    description: z.string().min(1).max(200).optional(),
  }),
);

/** Only what the stack reads; the rest of a package.json is the package manager's business. */
const manifestShape = z.looseObject({
  fruitables: z
    .looseObject({
      service: z.string().optional(),
      port: port.optional(),
      standIns: standInsShape.optional(),
    })
    .optional(),
});

function readManifest(manifestPath: string): z.infer<typeof manifestShape> {
  const parsed = manifestShape.safeParse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  if (parsed.success) return parsed.data;
  // Say which file and which field, so a typo in `standIns` does not read as "service missing".
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`${manifestPath} has an invalid "fruitables" field:\n  ${problems.join('\n  ')}`);
}

function standInsOf(name: string, dir: string, declared: z.infer<typeof standInsShape>): StandIn[] {
  return Object.entries(declared).map(([standIn, { entry, port: preferredPort, description }]) => {
    const path = join(dir, entry);
    if (!existsSync(path))
      throw new Error(`${name} declares the stand-in ${standIn} at ${entry}, which does not exist`);
    return {
      name: standIn,
      service: name,
      preferredPort,
      dir,
      entry: path,
      description: description ?? `${standIn} 대역 (${standIn} stand-in, for ${name})`,
    };
  });
}

/**
 * Every service under `appsDir` (the checkout's `apps/` unless a test points elsewhere), in
 * folder order, with the stand-ins each declares.
 */
export function discoverServices(appsDir: string = join(repoRoot, 'apps')): ServiceApp[] {
  if (!existsSync(appsDir)) return [];
  const services: ServiceApp[] = [];
  for (const entry of readdirSync(appsDir).sort()) {
    const manifestPath = join(appsDir, entry, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const declared = readManifest(manifestPath).fruitables;
    const name = declared?.service;
    const port = declared?.port;
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
      standIns: standInsOf(name, dir, declared?.standIns ?? {}),
    });
  }
  rejectDuplicateStandIns(services);
  return services;
}

/** `standInUrl(name)` must mean one server: two services may not declare the same name. */
function rejectDuplicateStandIns(services: ServiceApp[]): void {
  const owners = new Map<string, string>();
  for (const standIn of allStandIns(services)) {
    const owner = owners.get(standIn.name);
    if (owner) throw new Error(`the stand-in ${standIn.name} is declared by both ${owner} and ${standIn.service}`);
    owners.set(standIn.name, standIn.service);
  }
}

/** Every stand-in of these services, in their order. */
export const allStandIns = (services: ServiceApp[]): StandIn[] => services.flatMap((service) => service.standIns);

/** What a service's dev-env module may ask of the local stack. */
export interface LocalStack {
  /** Where another service of the stack answers, e.g. `http://127.0.0.1:7101` for identity. */
  serviceUrl(name: string): string;
  /** Where a stand-in (declared in some service's package.json) answers, e.g. `http://127.0.0.1:7204` for toss. */
  standInUrl(name: string): string;
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

type ServiceCredentials = (secretsDir: string) => Promise<{ clientId: string; clientSecret: string }[]>;

/**
 * The client credentials identity's dev-env made for the local services
 * (`devServiceCredentials` in apps/identity/src/dev-env.ts), read from identity's own secrets
 * folder so both sides hold the same secret. Empty when identity offers none.
 */
export async function devServiceCredentialsOf(
  identity: ServiceApp,
  secretsDir: string,
): Promise<{ clientId: string; clientSecret: string }[]> {
  if (!identity.devEnvModule) return [];
  const module = (await import(identity.devEnvModule)) as { devServiceCredentials?: ServiceCredentials };
  return module.devServiceCredentials ? module.devServiceCredentials(secretsDir) : [];
}
