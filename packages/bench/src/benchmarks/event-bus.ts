import { readdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { createBusMetrics, createOutboxRelay, publishEvents, type RedisClient } from '@fruitables/bus';
import { effects, fixtureCatalogue, inbox, outbox } from '@fruitables/bus/testing';
import { newId } from '@fruitables/core';
import { createDrizzle, createPostgres, type Postgres, serviceRoleName, withUser } from '@fruitables/db';
import pino from 'pino';
import { Registry } from 'prom-client';
import { createClient } from 'redis';
import { cpuSeconds, startServer } from '../process.ts';
import type { BenchResult } from '../results.ts';
import type { BenchContext, Benchmark } from './types.ts';

interface ConsumerSummary {
  applied: number;
  firstAppliedAt: number;
  lastAppliedAt: number;
  latencies: number[];
}

/**
 * CPU time per event of each party, which the machine's neighbours disturb far less than
 * wall-clock rates, and which shows where a 2-core machine's capacity goes.
 */
interface CpuPerEvent {
  /** This process: the producers and the relay. */
  producerMicros: number;
  consumerMicros: number;
  /** The whole cluster: backends (live and exited), WAL writer, checkpointer, autovacuum. */
  postgresMicros: number;
  redisMicros: number;
}

interface PhaseResult extends ConsumerSummary {
  startedAt: number;
  publishSeconds: number;
  cpu: CpuPerEvent;
}

interface Phase {
  events: number;
  producers: number;
  /** Events (and business rows) per producer transaction. */
  eventsPerTransaction: number;
  /** Events per second to pace producers at, or null for as fast as they go. */
  ratePerSecond: number | null;
}

const THROUGHPUT_TARGET = 5_000;
const PRODUCERS = 16;

/** The split, and the rate those CPU costs would allow if this run had every core to itself. */
const cpuText = (cpu: CpuPerEvent) => {
  const total = cpu.producerMicros + cpu.consumerMicros + cpu.postgresMicros + cpu.redisMicros;
  const ceiling = Math.round((availableParallelism() * 1e6) / total);
  return (
    `CPU per event: producers + relay ${Math.round(cpu.producerMicros)} µs, consumer ${Math.round(cpu.consumerMicros)} µs, ` +
    `PostgreSQL ${Math.round(cpu.postgresMicros)} µs, Redis ${Math.round(cpu.redisMicros)} µs ` +
    `(total ${Math.round(total)} µs: at most ~${ceiling.toLocaleString('en-US')} events/s on ${availableParallelism()} idle cores)`
  );
};

/** /proc/<pid>/stat fields after the command name (which may contain spaces), 0-based from `state`. */
async function procStat(pid: number): Promise<string[]> {
  const stat = await Bun.file(`/proc/${pid}/stat`).text();
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

const TICKS_PER_SECOND = 100;

/**
 * CPU seconds of a PostgreSQL cluster: its postmaster with the children it has reaped
 * (cutime, cstime), plus the children still running. Linux only, like the rest of the harness.
 */
async function postgresCpuSeconds(postmaster: number): Promise<number> {
  const own = await procStat(postmaster);
  let ticks = [11, 12, 13, 14].reduce((sum, field) => sum + Number(own[field]), 0);
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await procStat(Number(name)).catch(() => undefined);
    if (stat && Number(stat[1]) === postmaster) ticks += Number(stat[11]) + Number(stat[12]);
  }
  return ticks / TICKS_PER_SECOND;
}

async function redisCpuSeconds(redis: RedisClient): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return field('used_cpu_user') + field('used_cpu_sys');
}

/**
 * Starts counting every party's CPU; the function it returns divides what each used since by
 * `events`. The postmaster is found as the parent of this connection's backend.
 */
async function startCpuMeter(consumerPid: number, sql: Postgres, redis: RedisClient) {
  const [backend] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
  const postmaster = Number((await procStat(backend?.pid ?? 0))[1]);
  const before = {
    producer: process.cpuUsage(),
    consumer: await cpuSeconds(consumerPid),
    postgres: await postgresCpuSeconds(postmaster),
    redis: await redisCpuSeconds(redis),
  };
  return async (events: number): Promise<CpuPerEvent> => {
    const producer = process.cpuUsage(before.producer);
    const micros = (seconds: number) => (seconds * 1e6) / events;
    return {
      producerMicros: (producer.user + producer.system) / events,
      consumerMicros: micros((await cpuSeconds(consumerPid)) - before.consumer),
      postgresMicros: micros((await postgresCpuSeconds(postmaster)) - before.postgres),
      redisMicros: micros((await redisCpuSeconds(redis)) - before.redis),
    };
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * End to end through the real bus: a producer transaction writes business rows and their
 * outbox rows; the relay (in this process) moves them to Redis; a consumer in its own
 * process applies an effect row per event in its inbox transaction. Three phases, each on a
 * fresh stream: as fast as possible with one event per transaction (a typical request),
 * the same with ten per transaction (a batch import), then a steady 1,000 events/s with one
 * event per transaction for latency.
 */
export const eventBusBenchmark: Benchmark = {
  name: 'event bus',
  async run(context) {
    const single = await runThroughput(context, { events: 20_000, producers: PRODUCERS, eventsPerTransaction: 1 });
    const batched = await runThroughput(context, { events: 40_000, producers: PRODUCERS, eventsPerTransaction: 10 });

    const steady = await runPhase(context, {
      events: 10_000,
      producers: PRODUCERS,
      eventsPerTransaction: 1,
      ratePerSecond: 1_000,
    });
    const sorted = [...steady.latencies].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    const p99 = percentile(sorted, 99);
    context.log(
      `steady 1,000/s: p50 ${p50} ms, p99 ${p99} ms over ${steady.applied} events` +
        ` (producers done after ${steady.publishSeconds.toFixed(2)} s; ${cpuText(steady.cpu)})`,
    );

    return [
      throughputResult('bus-throughput', 'one event per producer transaction', single),
      throughputResult('bus-throughput-batched', 'ten events per producer transaction (batch import)', batched),
      {
        id: 'bus-latency-p99',
        title: 'Event bus commit → applied p99 at a steady 1,000 events/s',
        value: p99,
        unit: 'ms',
        target: '≤ 50 ms',
        met: p99 <= 50,
        detail: `p50 ${p50} ms over ${steady.applied} events (10 s), one event per producer transaction; ${cpuText(steady.cpu)}`,
      },
    ];
  },
};

interface Throughput {
  phase: Omit<Phase, 'ratePerSecond'>;
  eventsPerSecond: number;
  seconds: number;
  publishSeconds: number;
  cpu: CpuPerEvent;
}

async function runThroughput(context: BenchContext, phase: Omit<Phase, 'ratePerSecond'>): Promise<Throughput> {
  const summary = await runPhase(context, { ...phase, ratePerSecond: null });
  const seconds = (summary.lastAppliedAt - summary.startedAt) / 1000;
  const eventsPerSecond = summary.applied / seconds;
  context.log(
    `throughput, ${phase.eventsPerTransaction} per transaction: ${summary.applied} events in ${seconds.toFixed(2)} s` +
      ` (${Math.round(eventsPerSecond)}/s; producers done after ${summary.publishSeconds.toFixed(2)} s; ${cpuText(summary.cpu)})`,
  );
  return { phase, eventsPerSecond, seconds, publishSeconds: summary.publishSeconds, cpu: summary.cpu };
}

function throughputResult(id: string, what: string, result: Throughput): BenchResult {
  const { phase } = result;
  return {
    id,
    title: `Event bus end to end, sustained, ${what} (${phase.events.toLocaleString('en-US')} events, ${phase.producers} producers)`,
    value: Math.round(result.eventsPerSecond),
    unit: 'events/s',
    target: `≥ ${THROUGHPUT_TARGET.toLocaleString('en-US')} events/s`,
    met: result.eventsPerSecond >= THROUGHPUT_TARGET,
    detail:
      `from the first producer transaction to the last effect committed: ${result.seconds.toFixed(2)} s; ` +
      `producers alone finished in ${result.publishSeconds.toFixed(2)} s; ${cpuText(result.cpu)}`,
  };
}

async function runPhase(context: BenchContext, phase: Phase): Promise<PhaseResult> {
  const stream = `bench:${newId()}`;
  const group = 'bench';
  const databaseUrl = withUser(context.postgresAdminUrl, serviceRoleName('bus_fixture'));
  const consumer = await startServer(
    new URL('../servers/bus-consumer.ts', import.meta.url).pathname,
    context.serverCpu,
    { DATABASE_URL: databaseUrl, REDIS_URL: context.redisUrl, STREAM: stream, GROUP: group },
    { keepOutput: true },
  );
  const sql = createPostgres(databaseUrl, { applicationName: 'bench-producer', max: phase.producers + 2 });
  const db = createDrizzle(sql, { outbox, effects, inbox });
  const redis = createClient({ url: context.redisUrl });
  await redis.connect();
  const relay = createOutboxRelay({
    sql,
    db,
    outbox,
    redis,
    stream,
    logger: pino({ level: 'warn' }),
    metrics: createBusMetrics(new Registry()),
    batchSize: 500,
  });
  await relay.start();
  const producer = { name: 'bench', stream };
  const perTransaction = phase.eventsPerTransaction;
  const transactions = Math.ceil(phase.events / perTransaction);
  const publish = (transaction: number) =>
    db.transaction(async (tx) => {
      const numbers = Array.from({ length: perTransaction }, (_, i) => transaction * perTransaction + i);
      // The business rows, then the events announcing them, in one commit.
      await tx.insert(effects).values(numbers.map(() => ({ eventId: newId(), consumer: 'producer' })));
      await publishEvents(
        tx,
        outbox,
        fixtureCatalogue,
        numbers.map((n) => ({ type: 'FixtureHappened' as const, aggregateId: newId(), data: { n } })),
        producer,
      );
    });

  const measureCpu = await startCpuMeter(consumer.pid, sql, redis);
  const startedAt = Date.now();
  let publishSeconds = 0;
  let cpu: CpuPerEvent | undefined;
  try {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: phase.producers }, async () => {
        for (let transaction = next++; transaction < transactions; transaction = next++) {
          if (phase.ratePerSecond) {
            // Paced: transaction n is due at n / rate seconds after the start.
            const due = started + (transaction * perTransaction * 1000) / phase.ratePerSecond;
            const wait = due - performance.now();
            if (wait > 0) await Bun.sleep(wait);
          }
          await publish(transaction);
        }
      }),
    );
    publishSeconds = (performance.now() - started) / 1000;
    // Done when every event is on the stream and the group has read and acknowledged all of
    // them (acknowledged means committed). Asked of Redis, so the wait costs the database nothing.
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const [info] = await redis.xInfoGroups(stream);
      const onStream = await redis.xLen(stream);
      if (onStream >= phase.events && info?.lag === 0 && info.pending === 0) break;
      await Bun.sleep(20);
    }
    cpu = await measureCpu(phase.events);
  } finally {
    await relay.stop();
    await redis.close();
    await sql`delete from bus_fixture.inbox`;
    await sql`delete from bus_fixture.effects`;
    await sql.end({ timeout: 5 });
  }
  const output = await consumer.stop();
  const summaryLine = output.split('\n').find((line) => line.includes('"summary"'));
  if (!summaryLine) throw new Error(`the bench consumer printed no summary:\n${output.slice(-2000)}`);
  const summary = JSON.parse(summaryLine) as ConsumerSummary;
  if (summary.applied !== phase.events) {
    throw new Error(`the consumer applied ${summary.applied} of ${phase.events} events`);
  }
  if (!cpu) throw new Error('the phase ended without measuring CPU');
  return { ...summary, startedAt, publishSeconds, cpu };
}
