import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrations } from '@fruitables/migrations';
import { ensureDatabase } from './database.ts';
import { edgePid, edgeWorkdir, isBackendHealthy, startEdge, stopEdge } from './edge.ts';
import { edgePurgeSecret } from './edge-secret.ts';
import { startInfrastructure, stopInfrastructure } from './infrastructure.ts';
import { startMailCatcher, stopMailCatcher } from './mail-catcher.ts';
import { pickPort, preferredMetricsPort } from './ports.ts';
import { spawnDetached, stopProcess } from './processes.ts';
import { STACK_DATABASE, serviceEnv } from './service-env.ts';
import { allStandIns, discoverServices, type ServiceApp } from './services.ts';
import { FatalWait, isAlive, type RunResult, run, waitFor } from './shell.ts';
import { standInUrl, startStandIns, stopStandIns } from './stand-ins.ts';
import { readState, type StackState, writeState } from './state.ts';

/**
 * The whole platform as `./fruitables up` runs it (its own PostgreSQL and Redis, migrations,
 * demo data, every service, the edge), started in a folder of its own on private ports and
 * stopped with it: for the browser tests and the edge benchmark, never sharing `up`'s data.
 */
export interface Platform {
  dir: string;
  /** The shop and every API, as a shopper reaches them. */
  edgeUrl: string;
  /** The mail catcher's web inbox (REST API under /api): every mail the services sent. */
  mailInboxUrl: string;
  /**
   * Each stand-in's URL by name (`standIns.toss`), for a test that drives the provider's side
   * (a Toss webhook, a tracker.delivery event) or asks the stand-in what it was sent.
   */
  standIns: Record<string, string>;
  state: StackState;
  /** varnishd's working directory, for varnishstat and varnishadm (`-n`). */
  edgeWorkdir: string;
  /** The edge's varnishd manager process, while it runs. */
  edgePid(): number | null;
  /** Runs `bun <args>` in the service's folder with its environment (and `env` on top), like `./fruitables admin`. */
  runScript(name: string, args: string[], env?: Record<string, string>): Promise<RunResult>;
  /** SIGTERM (graceful drain), SIGKILL if it overstays. */
  stopService(name: string): Promise<void>;
  /** Starts a stopped service again and waits until it reports ready. */
  startService(name: string): Promise<void>;
  stop(): Promise<void>;
}

export interface PlatformOptions {
  /** First port to try for each piece; the next free one is taken when it is busy. */
  ports?: {
    postgres?: number;
    redis?: number;
    edge?: number;
    mailSmtp?: number;
    mailWeb?: number;
    /** Added to each service's and stand-in's own port (7102 → 47102). */
    serviceOffset?: number;
  };
  /** How long a service may take to become ready. */
  readyTimeoutMs?: number;
  /**
   * Variables over a service's environment, by service name, e.g. the browser tests' short
   * payment window `{ orders: { ORDERS_PAYMENT_WINDOW_SECONDS: '60' } }`: for its seed, its
   * process and every restart or script run through the platform handle.
   */
  serviceEnv?: Record<string, Record<string, string>>;
}

const READY_TIMEOUT_MS = 90_000;

function findService(name: string): ServiceApp {
  const service = discoverServices().find((candidate) => candidate.name === name);
  if (!service) throw new Error(`no service named ${name} in this checkout`);
  return service;
}

function tail(file: string, lines: number): string {
  return existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '(no log)';
}

/** The service's local-stack environment with the platform's overrides on top. */
async function platformServiceEnv(
  dir: string,
  state: StackState,
  service: ServiceApp,
): Promise<Record<string, string>> {
  return { ...(await serviceEnv(dir, state, service)), ...state.serviceEnv?.[service.name] };
}

async function waitUntilReady(dir: string, state: StackState, service: ServiceApp, timeoutMs: number): Promise<void> {
  const logFile = join(dir, 'logs', `${service.name}.log`);
  await waitFor(
    `${service.name} to be ready (log: ${logFile})`,
    async () => {
      const pid = state.pids.services[service.name];
      if (pid === undefined || !isAlive(pid)) {
        throw new FatalWait(`${service.name} exited during start; the end of its log:\n${tail(logFile, 15)}`);
      }
      const response = await fetch(`http://127.0.0.1:${state.ports.services[service.name]}/readyz`);
      return response.status === 200;
    },
    timeoutMs,
  );
}

/**
 * Ready is not yet reachable: the edge sends the shop's pages to the storefront only once
 * its health probe has seen it up (a few seconds after a start or restart), and answers 503
 * for a page it has not cached until then.
 */
async function waitUntilRouted(dir: string, service: ServiceApp, timeoutMs: number): Promise<void> {
  await waitFor(
    `the edge to route to ${service.name}`,
    () => isBackendHealthy(join(dir, 'edge'), service.name),
    timeoutMs,
  );
}

async function spawnService(dir: string, state: StackState, service: ServiceApp): Promise<void> {
  const env = await platformServiceEnv(dir, state, service);
  state.pids.services[service.name] = spawnDetached(['bun', service.entry], {
    cwd: service.dir,
    env,
    logFile: join(dir, 'logs', `${service.name}.log`),
  });
  writeState(dir, state);
}

/**
 * Services after the services they call, each started once those are ready. Why: catalog
 * loads identity's signing keys at boot and, having none, answers signed-in requests with
 * 503 until a retry (at most once a second, kit/auth/jwks-key-source.ts) finds identity up;
 * starting callees first makes a test's first request never meet that window. Who calls whom is read from
 * each service's environment: the local addresses of other services it was given.
 */
async function startOrder(dir: string, state: StackState, services: ServiceApp[]): Promise<ServiceApp[]> {
  const calls = new Map<string, string[]>();
  for (const service of services) {
    const values = Object.values(await serviceEnv(dir, state, service)).join('\n');
    const called = services.filter((other) => {
      const port = state.ports.services[other.name];
      return other !== service && new RegExp(`127\\.0\\.0\\.1:${port}(?!\\d)`).test(values);
    });
    calls.set(
      service.name,
      called.map((other) => other.name),
    );
  }
  const ordered: ServiceApp[] = [];
  const visiting = new Set<string>();
  const visit = (service: ServiceApp) => {
    // A cycle (or a service already placed) ends the walk; the rest keep their discovery order.
    if (ordered.includes(service) || visiting.has(service.name)) return;
    visiting.add(service.name);
    for (const name of calls.get(service.name) ?? []) {
      const callee = services.find((other) => other.name === name);
      if (callee) visit(callee);
    }
    ordered.push(service);
  };
  for (const service of services) visit(service);
  return ordered;
}

/** A handle on a platform whose state is recorded in `dir` (by `startPlatform`, maybe in another process). */
export function openPlatform(dir: string, options: PlatformOptions = {}): Platform {
  const recorded = readState(dir);
  if (!recorded) throw new Error(`no platform recorded in ${dir}`);
  const state = recorded;
  const timeoutMs = options.readyTimeoutMs ?? READY_TIMEOUT_MS;
  return {
    dir,
    edgeUrl: `http://127.0.0.1:${state.ports.edge}`,
    mailInboxUrl: `http://127.0.0.1:${state.ports.mail?.web ?? 0}`,
    standIns: Object.fromEntries(
      Object.keys(state.ports.standIns ?? {}).map((name) => [name, standInUrl(state, name)]),
    ),
    state,
    edgeWorkdir: edgeWorkdir(join(dir, 'edge')),
    edgePid: () => edgePid(join(dir, 'edge')),
    async runScript(name, args, env = {}) {
      const service = findService(name);
      return run(['bun', ...args], {
        cwd: service.dir,
        env: { ...(await platformServiceEnv(dir, state, service)), ...env },
      });
    },
    async stopService(name) {
      const pid = state.pids.services[name];
      if (pid !== undefined) await stopProcess(pid, 15_000);
      delete state.pids.services[name];
      writeState(dir, state);
    },
    async startService(name) {
      const service = findService(name);
      await spawnService(dir, state, service);
      await waitUntilReady(dir, state, service, timeoutMs);
      await waitUntilRouted(dir, service, timeoutMs);
    },
    stop: () => stopPlatform(dir),
  };
}

/**
 * Starts everything in `dir` (removed first): the same steps as `up`, with throwaway
 * PostgreSQL settings. Returns once every service is ready and the edge answers.
 */
export async function startPlatform(dir: string, options: PlatformOptions = {}): Promise<Platform> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const services = discoverServices();
  const taken = new Set<number>();
  const first = options.ports ?? {};
  const state: StackState = {
    ports: {
      postgres: await pickPort(first.postgres ?? 45432, taken),
      redis: await pickPort(first.redis ?? 46379, taken),
      edge: await pickPort(first.edge ?? 48080, taken),
      mail: {
        smtp: await pickPort(first.mailSmtp ?? 41025, taken),
        web: await pickPort(first.mailWeb ?? 41080, taken),
      },
      services: {},
      metrics: {},
      standIns: {},
    },
    pids: { services: {}, standIns: {} },
    ...(options.serviceEnv ? { serviceEnv: options.serviceEnv } : {}),
  };
  const offset = first.serviceOffset ?? 40_000;
  for (const service of services) {
    const preferred = service.preferredPort + offset;
    state.ports.services[service.name] = await pickPort(preferred, taken);
    state.ports.metrics[service.name] = await pickPort(preferredMetricsPort(preferred), taken);
  }
  const standInPorts: Record<string, number> = {};
  for (const standIn of allStandIns(services)) {
    standInPorts[standIn.name] = await pickPort(standIn.preferredPort + offset, taken);
  }
  state.ports.standIns = standInPorts;
  writeState(dir, state);
  try {
    const infrastructure = await startInfrastructure(dir, state.ports, 'ephemeral', { redisUsers: true });
    const ownerUrl = await ensureDatabase(infrastructure.adminUrl, STACK_DATABASE);
    await runMigrations(ownerUrl, {}, []);
    await startMailCatcher(dir, state);
    writeState(dir, state);
    // Before the services: a service may call its provider while it starts or seeds.
    await startStandIns(dir, state, allStandIns(services));
    writeState(dir, state);
    // The edge first, so the storefront's purge after its first build has somewhere to go.
    await startEdge(join(dir, 'edge'), state.ports.edge, state.ports.services, { purgeSecret: edgePurgeSecret(dir) });
    const timeoutMs = options.readyTimeoutMs ?? READY_TIMEOUT_MS;
    for (const service of await startOrder(dir, state, services)) {
      if (service.seedScript) {
        await run(['bun', service.seedScript], {
          cwd: service.dir,
          env: await platformServiceEnv(dir, state, service),
          check: true,
        });
      }
      await spawnService(dir, state, service);
      await waitUntilReady(dir, state, service, timeoutMs);
      await waitUntilRouted(dir, service, timeoutMs);
    }
    return openPlatform(dir, options);
  } catch (error) {
    await stopPlatform(dir);
    throw error;
  }
}

/**
 * Stops whatever a platform in `dir` recorded: services first, so they drain (still reaching
 * their stand-ins), then the stand-ins, the edge and the stores.
 */
export async function stopPlatform(dir: string): Promise<void> {
  const state = readState(dir);
  if (!state) return;
  await Promise.all(Object.values(state.pids.services).map((pid) => stopProcess(pid, 15_000)));
  state.pids.services = {};
  writeState(dir, state);
  await stopStandIns(state);
  writeState(dir, state);
  await stopMailCatcher(state);
  writeState(dir, state);
  await stopEdge(join(dir, 'edge'));
  await stopInfrastructure(dir);
}
