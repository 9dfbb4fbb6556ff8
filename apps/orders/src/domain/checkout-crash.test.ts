import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ordersServiceToken } from '@fruitables/catalog/testing';
import { newId } from '@fruitables/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrashScenario } from '../testing/checkout-process.ts';
import { checkoutOf, type OfferOnSale, offerOnSale } from '../testing/fixtures.ts';
import { createHarness, type OrdersHarness, TEST_POLICY } from '../testing/harness.ts';
import { placeOrder } from './place-order.ts';

const processSource = fileURLToPath(new URL('../testing/checkout-process.ts', import.meta.url));
/** Children alive at once: enough to overlap their start-up, few enough for a shared machine. */
const PARALLEL = 6;

const AT = ['before-call', 'after-call', 'before-commit', 'after-commit'] as const;
const stepPoints = (kind: string, phase: 'run' | 'compensate', steps: string[]) =>
  steps.flatMap((step) => AT.map((at) => `${kind}:${phase}:${step}:${at}`));
const checkoutPoints = stepPoints('checkout', 'run', ['bookings', 'stock']);

type Path = 'paid' | 'never paid' | 'sold out';

/**
 * The points each path passes, in order: both ends of every remote call and both sides of every
 * commit of the checkout workflow (booking both farms, holding the stock, placing the order in
 * the last commit), of the handler applying payments' event, and of the run that event starts
 * (pay: confirm the hold, confirm the bookings, OrderPaid in the last commit; or release).
 * "sold out" asks for more boxes than the farm has: the hold is refused after both dates were
 * booked, and the bookings are undone. "never paid" starts where the checkout ends (the paid
 * path already kills the checkout at each of its points).
 */
const paths: Record<Path, { payment: CrashScenario['payment']; points: string[] }> = {
  paid: {
    payment: 'completed',
    points: [
      ...checkoutPoints,
      'payment-completed:before-commit',
      'payment-completed:after-commit',
      ...stepPoints('pay', 'run', ['stock', 'bookings']),
    ],
  },
  'never paid': {
    payment: 'failed',
    points: [
      'checkout:run:stock:after-commit',
      'payment-failed:before-commit',
      'payment-failed:after-commit',
      ...stepPoints('release', 'run', ['stock', 'bookings']),
    ],
  },
  'sold out': {
    payment: 'completed',
    points: [...checkoutPoints, ...stepPoints('checkout', 'compensate', ['bookings'])],
  },
};

interface Case {
  name: string;
  path: Path;
  /** Where each process in turn is killed; a final process then walks the order to its end. */
  crashes: string[];
  shopperId: string;
  idempotencyKey: string;
  eventId: string;
}

/**
 * Each point is killed twice: every two successive points are a case (killed at the first,
 * resumed by a process killed at the second), and the first and the last point of the path are
 * also killed alone.
 */
function casesOf(path: Path): Case[] {
  const { points } = paths[path];
  const first = points[0] ?? '';
  const last = points.at(-1) ?? '';
  const crashLists = [[first], ...points.slice(1).map((point, i) => [points[i] ?? '', point]), [last]];
  return crashLists.map((crashes) => ({
    name: `${path}, killed at ${crashes.join(' then ')}`,
    path,
    crashes,
    shopperId: newId(),
    idempotencyKey: `crash-${newId()}`,
    eventId: newId(),
  }));
}

const cases = (['paid', 'never paid', 'sold out'] as const).flatMap(casesOf);

/** Runs `work` over `items`, at most `limit` at a time. */
async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

let h: OrdersHarness;
let offers: { plenty: OfferOnSale; more: OfferOnSale; last: OfferOnSale };
let carts: Record<Path, CrashScenario['checkout']>;
/** Kills that really happened, by point. */
const kills = new Map<string, number>();
let processes = 0;
let buildDir: string | undefined;

const scenarioOf = (crashCase: Case): CrashScenario => ({
  shopperId: crashCase.shopperId,
  idempotencyKey: crashCase.idempotencyKey,
  checkout: carts[crashCase.path],
  payment: paths[crashCase.path].payment,
  eventId: crashCase.eventId,
});

beforeAll(async () => {
  h = await createHarness('checkout-crash');
  offers = {
    plenty: await offerOnSale(h, { boxes: 1_000, farmName: '햇살농원' }),
    more: await offerOnSale(h, { boxes: 1_000, farmName: '달빛농원' }),
    last: await offerOnSale(h, { boxes: 1, farmName: '마지막농원' }),
  };
  // Two farms in each cart: a booking per fulfilment, one hold for both lines.
  const twoFarms = checkoutOf([
    { offer: offers.plenty, quantity: 2 },
    { offer: offers.more, quantity: 1 },
  ]);
  carts = {
    paid: twoFarms,
    'never paid': twoFarms,
    // One box left, two asked: priced as on sale, refused at the hold.
    'sold out': checkoutOf([
      { offer: offers.plenty, quantity: 1 },
      { offer: offers.last, quantity: 2 },
    ]),
  };

  // Built once into one file: each of the ~80 processes then starts in half the time.
  buildDir = await mkdtemp(join(tmpdir(), 'orders-checkout-crash-'));
  const build = await Bun.build({ entrypoints: [processSource], outdir: buildDir, target: 'bun' });
  const processScript = build.outputs[0]?.path;
  if (!build.success || !processScript) throw new AggregateError(build.logs, 'the checkout process did not build');
  const catalogToken = await ordersServiceToken(h.catalog.signer);
  const run = async (scenarios: CrashScenario[], crashAt?: string) => {
    const owner = `crash-${newId()}`;
    const child = Bun.spawn([process.execPath, processScript], {
      env: {
        ...process.env,
        DATABASE_URL: h.database.urlFor('orders'),
        CATALOG_URL: h.catalogServer.url,
        CATALOG_TOKEN: catalogToken,
        LOGISTICS_URL: h.logistics.url,
        PAYMENTS_URL: h.payments.url,
        OWNER: owner,
        POLICY: JSON.stringify(TEST_POLICY),
        SCENARIOS: JSON.stringify(scenarios),
        ...(crashAt ? { CRASH_AT: crashAt } : {}),
      },
      stdout: 'ignore',
      stderr: 'inherit',
    });
    await child.exited;
    processes += 1;
    if (child.signalCode === 'SIGKILL' && crashAt) {
      kills.set(crashAt, (kills.get(crashAt) ?? 0) + 1);
      // The dead process's leases run out (30 s in orders; not waited out here).
      await h.owner`
        update orders.workflow_runs set lease_expires_at = now() - interval '1 second' where lease_owner = ${owner}`;
    }
    return child;
  };

  // Each case's processes in turn, each killed at its point (it is on the path: it must die there) …
  await inPool(cases, PARALLEL, async (crashCase) => {
    for (const crashAt of crashCase.crashes) {
      const child = await run([scenarioOf(crashCase)], crashAt);
      if (child.signalCode !== 'SIGKILL') {
        throw new Error(`${crashCase.name}: the process exited ${child.exitCode} without reaching ${crashAt}`);
      }
    }
  });
  // … then orders restarts once and walks every order to its end.
  const final = await run(cases.map(scenarioOf));
  if (final.exitCode !== 0) throw new Error(`the final process exited ${final.exitCode}`);
}, 180_000);

afterAll(async () => {
  await h?.close();
  if (buildDir) await rm(buildDir, { recursive: true, force: true });
});

async function orderOf(crashCase: Case) {
  const rows = await h.owner<{ id: string; status: string; checkout_state: string }[]>`
    select o.id, o.status, o.checkout_state from orders.orders o
    join orders.checkout_keys k on k.order_id = o.id
    where k.shopper_id = ${crashCase.shopperId} and k.idempotency_key = ${crashCase.idempotencyKey}`;
  expect(rows).toHaveLength(1);
  const [order] = rows;
  if (!order) throw new Error(`no order for ${crashCase.name}`);
  return order;
}

/** How many times each value occurs. */
function count(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

describe('checkout and payment whose orders process is SIGKILLed at every step boundary', () => {
  it('killed a process at every point, each point at least twice', () => {
    const points = new Set(Object.values(paths).flatMap((path) => path.points));
    for (const point of points) expect(kills.get(point) ?? 0, point).toBeGreaterThanOrEqual(2);
    const total = [...kills.values()].reduce((sum, n) => sum + n, 0);
    expect(total).toBe(cases.reduce((sum, crashCase) => sum + crashCase.crashes.length, 0));
    console.info(`${cases.length} scenarios, ${total} kills, ${processes} processes`);
  });

  it.for(cases)('$name: settles once, every hold and booking confirmed or given back', async (crashCase) => {
    const order = await orderOf(crashCase);
    const runs = await h.owner<{ kind: string; state: string }[]>`
      select kind, state from orders.workflow_runs where id = ${order.id} or input->>'orderId' = ${order.id}`;
    const holds = await h.catalog.owner<{ status: string }[]>`
      select status from catalog.holds where idempotency_key like ${`${order.id}:%`}`;
    const bookings = [...h.logistics.bookings.values()].filter((booking) => booking.orderId === order.id);
    const fulfilments = await h.owner<{ id: string; status: string }[]>`
      select id, status from orders.fulfilments where order_id = ${order.id}`;
    const events = await h.owner<{ type: string }[]>`
      select type from orders.outbox where envelope->>'aggregateId' = ${order.id}`;
    const timeline = await h.owner<{ status: string }[]>`
      select status from orders.order_timeline where order_id = ${order.id} and fulfilment_id is null order by at, id`;
    const lines = await h.owner<{ quantity: number; lots: { quantity: number }[] }[]>`
      select quantity, lots from orders.order_lines where order_id = ${order.id}`;

    // Nothing left running; nothing gave up.
    expect(runs.filter((run) => !['completed', 'compensated'].includes(run.state))).toEqual([]);
    // Exactly one booking per fulfilment at logistics, whatever was retried.
    expect(fulfilments).toHaveLength(2);
    expect(bookings.map((booking) => booking.fulfilmentId).sort()).toEqual(fulfilments.map((row) => row.id).sort());
    const types = count(events.map((event) => event.type));

    if (crashCase.path === 'paid') {
      expect(order).toMatchObject({ status: 'paid', checkout_state: 'placed' });
      expect(timeline.map((entry) => entry.status)).toEqual(['awaiting_payment', 'paid']);
      expect(holds.map((hold) => hold.status)).toEqual(['confirmed']);
      expect(bookings.map((booking) => booking.status)).toEqual(['confirmed', 'confirmed']);
      // The lots catalog sold are on the lines (traceable from the order).
      for (const line of lines) {
        expect(line.lots.reduce((sum, lot) => sum + lot.quantity, 0)).toBe(line.quantity);
      }
      expect(types).toEqual({ OrderPlaced: 1, OrderPaid: 1, FulfilmentStatusChanged: 2 });
    } else if (crashCase.path === 'never paid') {
      expect(order).toMatchObject({ status: 'cancelled', checkout_state: 'placed' });
      expect(timeline.map((entry) => entry.status)).toEqual(['awaiting_payment', 'cancelled']);
      expect(holds.map((hold) => hold.status)).toEqual(['released']);
      expect(bookings.map((booking) => booking.status)).toEqual(['released', 'released']);
      expect(types).toEqual({ OrderPlaced: 1, OrderCancelled: 1 });
    } else {
      // Never placed: no stock held, both dates given back, nothing announced.
      expect(order).toMatchObject({ status: 'cancelled', checkout_state: 'failed' });
      expect(holds).toEqual([]);
      expect(bookings.map((booking) => booking.status)).toEqual(['released', 'released']);
      expect(types).toEqual({});
    }

    // The shopper repeats the request: the same order, or the same refusal; never a second one.
    const buyer = { shopperId: crashCase.shopperId, emailVerified: true };
    const again = placeOrder(h.domain, buyer, crashCase.idempotencyKey, carts[crashCase.path]);
    if (crashCase.path === 'sold out') {
      await expect(again).rejects.toMatchObject({ code: 'sold_out' });
    } else {
      await expect(again).resolves.toMatchObject({ created: false, order: { id: order.id } });
    }
    const [mine] = await h.owner<{ n: number }[]>`
      select count(*)::int as n from orders.orders where shopper_id = ${crashCase.shopperId}`;
    expect(mine?.n).toBe(1);
  });

  it('left no box held at catalog, and sold exactly what the paid orders bought', async () => {
    const paid = cases.filter((crashCase) => crashCase.path === 'paid').length;
    const stockOf = async (offer: OfferOnSale) => {
      const [row] = await h.catalog.owner<{ reserved: number; sold: number }[]>`
        select sum(reserved)::int as reserved, sum(sold)::int as sold from catalog.lots where offer_id = ${offer.offerId}`;
      return row;
    };
    expect(await stockOf(offers.plenty)).toEqual({ reserved: 0, sold: 2 * paid });
    expect(await stockOf(offers.more)).toEqual({ reserved: 0, sold: paid });
    expect(await stockOf(offers.last)).toEqual({ reserved: 0, sold: 0 });
  });
});
