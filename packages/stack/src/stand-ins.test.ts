import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPlatform } from './platform.ts';
import { pickPort, preferredMetricsPort } from './ports.ts';
import { serviceEnv } from './service-env.ts';
import { discoverServices, type ServiceApp } from './services.ts';
import { isAlive } from './shell.ts';
import { standInUrl, startStandIns, stopStandIns } from './stand-ins.ts';
import { type StackState, writeState } from './state.ts';

/*
 * A checkout of three fixture services (names redis-acl.ts knows, since every service needs a
 * Redis user): identity, which makes client credentials; catalog, which declares a stand-in
 * and asks for its URL in its dev-env; storefront, which identity made no credentials for.
 */
const root = mkdtempSync(join(tmpdir(), 'fruitables-stand-ins-'));
const appsDir = join(root, 'apps');
const stackDir = join(root, 'stack');
const CATALOG_SECRET = 'c'.repeat(43);

function writeFile(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

function writeService(folder: string, fruitables: Record<string, unknown>, files: Record<string, string> = {}): void {
  writeFile(join(appsDir, folder, 'package.json'), JSON.stringify({ name: `fixture-${folder}`, fruitables }));
  writeFile(join(appsDir, folder, 'src/main.ts'), '');
  for (const [file, text] of Object.entries(files)) writeFile(join(appsDir, folder, file), text);
}

writeService(
  'identity',
  { service: 'identity', port: 7101 },
  {
    'src/dev-env.ts': `export const devEnv = async () => ({});
export const devServiceCredentials = async () => [{ clientId: 'catalog', clientSecret: '${CATALOG_SECRET}' }];
`,
  },
);
writeService(
  'catalog',
  {
    service: 'catalog',
    port: 7102,
    standIns: { fake: { entry: 'src/fake-stand-in/main.ts', port: 47290, description: '가짜 대역 (fake stand-in)' } },
  },
  {
    'src/fake-stand-in/main.ts': `Bun.serve({
  port: Number(process.env.PORT),
  hostname: '127.0.0.1',
  fetch: (request) => new URL(request.url).pathname === '/healthz' ? new Response('ok') : Response.json({ provider: 'fake', serviceUrl: process.env.SERVICE_URL }),
});
`,
    'src/dev-env.ts': `export const devEnv = async (_secretsDir, stack) => ({ FAKE_PROVIDER_URL: stack.standInUrl('fake') });
`,
  },
);
writeService('storefront', { service: 'storefront', port: 7106 });

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function stateFor(services: ServiceApp[]): Promise<StackState> {
  const taken = new Set<number>();
  const standIns: Record<string, number> = {};
  const state: StackState = {
    ports: {
      postgres: 45999,
      redis: 46999,
      edge: 48999,
      services: {},
      metrics: {},
      standIns,
    },
    pids: { services: {}, standIns: {} },
  };
  for (const service of services) {
    state.ports.services[service.name] = await pickPort(service.preferredPort + 41_000, taken);
    state.ports.metrics[service.name] = await pickPort(preferredMetricsPort(service.preferredPort + 41_000), taken);
    for (const standIn of service.standIns) {
      standIns[standIn.name] = await pickPort(standIn.preferredPort, taken);
    }
  }
  return state;
}

describe('stand-ins declared in a service package.json', () => {
  it('are read from the fruitables field with their entry, port and description', () => {
    const catalog = discoverServices(appsDir).find((service) => service.name === 'catalog');
    expect(catalog?.standIns).toEqual([
      {
        name: 'fake',
        service: 'catalog',
        preferredPort: 47290,
        dir: join(appsDir, 'catalog'),
        entry: join(appsDir, 'catalog', 'src/fake-stand-in/main.ts'),
        description: '가짜 대역 (fake stand-in)',
      },
    ]);
  });

  it('start as their own process, answer at the URL the dev-env is given, and stop', async () => {
    const services = discoverServices(appsDir);
    const state = await stateFor(services);
    const catalog = services.find((service) => service.name === 'catalog');
    if (!catalog) throw new Error('fixture catalog not discovered');
    try {
      await startStandIns(stackDir, state, catalog.standIns);
      const url = standInUrl(state, 'fake');
      // It is told where its service answers, for a provider that calls back (webhooks).
      expect(await (await fetch(url)).json()).toEqual({
        provider: 'fake',
        serviceUrl: `http://127.0.0.1:${state.ports.services.catalog}`,
      });
      const env = await serviceEnv(stackDir, state, catalog, services);
      expect(env.FAKE_PROVIDER_URL).toBe(url);
    } finally {
      const pid = state.pids.standIns?.fake;
      const outcomes = await stopStandIns(state);
      expect(pid !== undefined && isAlive(pid)).toBe(false);
      expect(outcomes).toEqual({ fake: 'stopped' });
    }
  });

  it('are offered to tests by the platform handle, by name', async () => {
    const state = await stateFor(discoverServices(appsDir));
    const dir = join(root, 'recorded-platform');
    writeState(dir, state);
    expect(openPlatform(dir).standIns).toEqual({ fake: `http://127.0.0.1:${state.ports.standIns?.fake}` });
  });

  it('refuse a declaration the stack cannot run, naming the file and the field', () => {
    const broken = join(root, 'broken-apps');
    mkdirSync(join(broken, 'payments'), { recursive: true });
    writeFileSync(
      join(broken, 'payments', 'package.json'),
      JSON.stringify({
        fruitables: { service: 'payments', port: 7104, standIns: { toss: { entry: 'main.ts', port: '7204' } } },
      }),
    );
    expect(() => discoverServices(broken)).toThrow(/payments[/\\]package\.json.*\n.*standIns\.toss\.port/);
  });

  it('may not share a name across services', () => {
    const twice = join(root, 'twice-apps');
    for (const name of ['orders', 'payments']) {
      writeFile(join(twice, name, 'src/stand-in.ts'), '');
      writeFileSync(
        join(twice, name, 'package.json'),
        JSON.stringify({
          fruitables: { service: name, port: 7100, standIns: { toss: { entry: 'src/stand-in.ts', port: 7204 } } },
        }),
      );
    }
    expect(() => discoverServices(twice)).toThrow('the stand-in toss is declared by both orders and payments');
  });
});

describe('service client credentials in the local stack', () => {
  it('go to a service identity made them for, pointing at identity itself', async () => {
    const services = discoverServices(appsDir);
    const state = await stateFor(services);
    const catalog = services.find((service) => service.name === 'catalog');
    if (!catalog) throw new Error('fixture catalog not discovered');
    const env = await serviceEnv(stackDir, state, catalog, services);
    expect(env).toMatchObject({
      SERVICE_CLIENT_ID: 'catalog',
      SERVICE_CLIENT_SECRET: CATALOG_SECRET,
      IDENTITY_URL: `http://127.0.0.1:${state.ports.services.identity}`,
    });
  });

  it('go neither to identity nor to a service without an entry', async () => {
    const services = discoverServices(appsDir);
    const state = await stateFor(services);
    for (const name of ['identity', 'storefront']) {
      const service = services.find((candidate) => candidate.name === name);
      if (!service) throw new Error(`fixture ${name} not discovered`);
      const env = await serviceEnv(stackDir, state, service, services);
      expect(env).not.toHaveProperty('SERVICE_CLIENT_ID');
      expect(env).not.toHaveProperty('SERVICE_CLIENT_SECRET');
      expect(env).not.toHaveProperty('IDENTITY_URL');
    }
  });
});
