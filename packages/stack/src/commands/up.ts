import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrations } from '@fruitables/migrations';
import { ensureDatabase } from '../database.ts';
import { SITE_SERVICE, startEdge } from '../edge.ts';
import { edgePurgeSecret } from '../edge-secret.ts';
import { followLogs } from '../follow-logs.ts';
import { startInfrastructure } from '../infrastructure.ts';
import { startMailCatcher } from '../mail-catcher.ts';
import { ensureInstalled, requirements } from '../os-packages.ts';
import { stackDir } from '../paths.ts';
import { pickPort, preferredMetricsPort } from '../ports.ts';
import { spawnDetached } from '../processes.ts';
import { STACK_DATABASE, serviceEnv } from '../service-env.ts';
import { allStandIns, discoverServices, type ServiceApp } from '../services.ts';
import { FatalWait, isAlive, run, waitFor } from '../shell.ts';
import { standInLogName, standInUrl, startStandIns } from '../stand-ins.ts';
import { readState, type StackState, writeState } from '../state.ts';
import { runDown } from './down.ts';

/**
 * Brings the whole platform up on this machine: OS packages if missing, PostgreSQL and
 * Redis with data under .fruitables/up, migrations, demo data, every service, the edge.
 * Safe to run twice: whatever is already running is left running.
 */
export async function runUp(args: string[]): Promise<number> {
  const detach = args.includes('--detach');
  await ensureInstalled([requirements.postgres, requirements.redis, requirements.varnish]);
  const dir = stackDir('up');
  const logsDir = join(dir, 'logs');
  mkdirSync(logsDir, { recursive: true });
  const services = discoverServices();
  const state = await resolvePorts(dir, services);
  writeState(dir, state);

  const infrastructure = await startInfrastructure(dir, state.ports, 'durable', { redisUsers: true });
  const ownerUrl = await ensureDatabase(infrastructure.adminUrl, STACK_DATABASE);
  await runMigrations(ownerUrl, {}, [], (msg, fields) => console.log(`migrate: ${msg} ${JSON.stringify(fields)}`));
  const mailInboxUrl = await startMailCatcher(dir, state);
  writeState(dir, state);
  // Before the services (and their seeds): a service may call its provider as it starts.
  const standIns = allStandIns(services);
  await startStandIns(dir, state, standIns);
  writeState(dir, state);

  for (const service of services) {
    const env = await serviceEnv(dir, state, service);
    if (service.seedScript) {
      console.log(`seed: ${service.name}`);
      await run(['bun', service.seedScript], { cwd: service.dir, env, check: true });
    }
    const running = state.pids.services[service.name];
    if (running !== undefined && isAlive(running)) continue;
    state.pids.services[service.name] = spawnDetached(['bun', service.entry], {
      cwd: service.dir,
      env,
      logFile: join(logsDir, `${service.name}.log`),
    });
    writeState(dir, state);
  }

  await startEdge(join(dir, 'edge'), state.ports.edge, state.ports.services, { purgeSecret: edgePurgeSecret(dir) });
  const edgeUrl = `http://127.0.0.1:${state.ports.edge}`;
  for (const service of services) {
    const logFile = join(logsDir, `${service.name}.log`);
    await waitFor(`${service.name} to be ready (log: ${logFile})`, async () => {
      const pid = state.pids.services[service.name];
      if (pid === undefined || !isAlive(pid)) {
        throw new FatalWait(`${service.name} exited during start; the end of its log:\n${tail(logFile, 15)}`);
      }
      const response = await fetch(`${edgeUrl}/api/${service.name}/readyz`);
      return response.status === 200;
    });
  }

  // The edge is the shop: its root is the storefront's home page, /api/<service> the APIs.
  const shop = services.some((service) => service.name === SITE_SERVICE)
    ? `The shop is at ${edgeUrl}/ (APIs under ${edgeUrl}/api/<service>/).`
    : `APIs are under ${edgeUrl}/api/<service>/.`;
  // Mail is never delivered locally: sign-up and password-reset mails wait in this inbox.
  const inbox = `Mail the shop sends (sign-up, password reset) is in the inbox at ${mailInboxUrl}/`;
  // Nothing leaves the machine: payments and tracking talk to these instead of Toss and tracker.delivery.
  const standInLines = standIns.map((standIn) => `${standInUrl(state, standIn.name)}/  ${standIn.description}`);
  if (detach) {
    console.log(`Logs are in ${logsDir}; stop with ./fruitables down.`);
    console.log(inbox);
    for (const line of standInLines) console.log(line);
    console.log(shop);
    console.log(edgeUrl);
    return 0;
  }
  console.log(`Following logs; Ctrl-C stops everything.`);
  console.log(inbox);
  for (const line of standInLines) console.log(line);
  console.log(shop);
  console.log(edgeUrl);
  await followLogs(
    logsDir,
    [...services.map((service) => service.name), ...standIns.map(standInLogName)],
    shutdownSignal(),
  );
  return runDown([]);
}

/** Reuses the ports of a previous `up` (so bookmarks keep working) and finds free ones for the rest. */
async function resolvePorts(dir: string, services: ServiceApp[]): Promise<StackState> {
  const previous = readState(dir);
  const taken = new Set<number>();
  const keep = async (port: number | undefined, preferred: number) => {
    if (port !== undefined) {
      taken.add(port);
      return port;
    }
    return pickPort(preferred, taken);
  };
  const state: StackState = {
    ports: {
      postgres: await keep(previous?.ports.postgres, 15432),
      redis: await keep(previous?.ports.redis, 16379),
      edge: await keep(previous?.ports.edge, 8080),
      mail: {
        smtp: await keep(previous?.ports.mail?.smtp, 1025),
        web: await keep(previous?.ports.mail?.web, 1080),
      },
      services: {},
      metrics: {},
      standIns: {},
    },
    pids: {
      services: { ...(previous?.pids.services ?? {}) },
      standIns: { ...(previous?.pids.standIns ?? {}) },
      ...(previous?.pids.mailCatcher !== undefined ? { mailCatcher: previous.pids.mailCatcher } : {}),
    },
  };
  for (const service of services) {
    state.ports.services[service.name] = await keep(previous?.ports.services[service.name], service.preferredPort);
  }
  const standInPorts: Record<string, number> = {};
  for (const standIn of allStandIns(services)) {
    standInPorts[standIn.name] = await keep(previous?.ports.standIns?.[standIn.name], standIn.preferredPort);
  }
  state.ports.standIns = standInPorts;
  // A state file from before metrics had a port of their own has no `metrics`: those are picked now.
  for (const service of services) {
    state.ports.metrics[service.name] = await keep(
      previous?.ports.metrics?.[service.name],
      preferredMetricsPort(service.preferredPort),
    );
  }
  return state;
}

function tail(file: string, lines: number): string {
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

function shutdownSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
