import { newId } from '@fruitables/core';
import { serviceRoleName, withUser } from '@fruitables/db';
import type { TestSigner } from '@fruitables/kit/testing';
import postgres from 'postgres';
import type { BenchContext } from '../benchmarks/types.ts';
import { type BenchProcess, startServer } from '../process.ts';
import { type BenchTokenIssuer, startBenchTokenIssuer } from './token-issuer.ts';

const app = (path: string) => new URL(`../../../../apps/${path}`, import.meta.url).pathname;

/** Keys for this run: the stand-in accepts whatever it is started with, and payments is given the same. */
const TOSS_SECRET_KEY = 'test_sk_bench_stand_in_secret';
const TOSS_CLIENT_KEY = 'test_ck_bench_stand_in_client';
/** Toss's Basic auth (secret key, empty password): the stand-in asks it on its API and admin routes alike. */
const TOSS_AUTHORIZATION = `Basic ${Buffer.from(`${TOSS_SECRET_KEY}:`).toString('base64')}`;

/** The purchase journey's services as processes: catalog, logistics, orders, payments and the Toss stand-in. */
export interface PurchaseStack {
  signer: TestSigner;
  catalog: string;
  logistics: string;
  orders: string;
  payments: string;
  /** The Toss stand-in as payments sees it (through `pgProxy` when one was given). */
  toss: string;
  /** The Toss stand-in itself, for the shopper's side of a payment (its payment page). */
  tossDirect: string;
  processes: Record<'catalog' | 'logistics' | 'orders' | 'payments', BenchProcess>;
  /** The database owner: for seeding and checking outcomes (never for the measured part). */
  owner: postgres.Sql;
  stop(): Promise<void>;
}

export interface PurchaseStackOptions {
  /** Extra environment per service (pool sizes and the like). */
  env?: Partial<Record<'catalog' | 'logistics' | 'orders' | 'payments', Record<string, string>>>;
  /** The database URL a service connects to, e.g. through a latency proxy; the owner URL's database by default. */
  databaseUrl?: (service: string, url: string) => string;
  /** Wraps the stand-in's URL before payments gets it (a timing proxy). */
  pgProxy?: (tossUrl: string) => Promise<{ url: string; stop(): Promise<void> }>;
}

/** A port nothing listens on right now: services that call each other need their addresses before they start. */
export function freePort(): number {
  const probe = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => new Response(null) });
  const port = probe.port ?? 0;
  probe.stop(true);
  return port;
}

export async function waitHealthy(url: string, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/healthz`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    await Bun.sleep(100);
  }
  throw new Error(`${what} did not answer /healthz within 15 s`);
}

/**
 * Starts each service's own `main.ts` (as `up` does) on the benchmark CPU against the benchmark
 * database and Redis; identity is the token issuer in this process (JWKS and client credentials),
 * and the Toss stand-in runs as its own process on the load CPU (it plays the PG, not us).
 */
export async function startPurchaseStack(
  context: Pick<BenchContext, 'postgresAdminUrl' | 'redisUrl' | 'serverCpu' | 'loadCpu'>,
  options: PurchaseStackOptions = {},
): Promise<PurchaseStack> {
  const issuer: BenchTokenIssuer = await startBenchTokenIssuer();
  const owner = postgres(context.postgresAdminUrl, { max: 4, onnotice: () => {} });
  const ports = { catalog: freePort(), logistics: freePort(), orders: freePort(), payments: freePort() };
  const url = (port: number) => `http://127.0.0.1:${port}`;
  const stoppers: (() => Promise<unknown>)[] = [() => issuer.stop(), () => owner.end()];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  };
  try {
    const tossPort = freePort();
    const toss = Bun.spawn(
      ['taskset', '-c', String(context.loadCpu), process.execPath, app('payments/src/toss-stand-in/main.ts')],
      {
        env: {
          ...process.env,
          PORT: String(tossPort),
          TOSS_STAND_IN_SECRET_KEY: TOSS_SECRET_KEY,
          TOSS_STAND_IN_CLIENT_KEY: TOSS_CLIENT_KEY,
        },
        stdout: 'ignore',
        stderr: 'inherit',
      },
    );
    stoppers.push(async () => {
      toss.kill('SIGTERM');
      await toss.exited;
    });
    await waitHealthy(url(tossPort), 'the Toss stand-in');
    let tossUrl = url(tossPort);
    if (options.pgProxy) {
      const proxy = await options.pgProxy(tossUrl);
      stoppers.push(() => proxy.stop());
      tossUrl = proxy.url;
    }
    const common = (service: string) => ({
      DATABASE_URL: (options.databaseUrl ?? ((_s, u) => u))(
        service,
        withUser(context.postgresAdminUrl, serviceRoleName(service)),
      ),
      REDIS_URL: context.redisUrl,
      AUTH_JWKS_URL: issuer.jwksUrl,
      SERVICE_CLIENT_ID: service,
      // Any secret of identity's shape: the issuer here grants every client what it asks for.
      SERVICE_CLIENT_SECRET: 'bench-secret-bench-secret-bench-secret-bench',
      IDENTITY_URL: issuer.identityUrl,
      LOG_LEVEL: 'info',
    });
    const start = async (service: 'catalog' | 'logistics' | 'orders' | 'payments', env: Record<string, string>) => {
      const started = await startServer(app(`${service}/src/main.ts`), context.serverCpu, {
        ...common(service),
        PORT: String(ports[service]),
        ...env,
        ...options.env?.[service],
      });
      stoppers.push(() => started.stop());
      return started;
    };
    const catalog = await start('catalog', {});
    const logistics = await start('logistics', { LOGISTICS_TRACKER_URL: 'http://127.0.0.1:9/graphql' });
    const payments = await start('payments', {
      ORDERS_URL: url(ports.orders),
      PAYMENTS_TOSS_API_URL: tossUrl,
      PAYMENTS_TOSS_SECRET_KEY: TOSS_SECRET_KEY,
      PAYMENTS_TOSS_CLIENT_KEY: TOSS_CLIENT_KEY,
    });
    const orders = await start('orders', {
      CATALOG_URL: url(ports.catalog),
      LOGISTICS_URL: url(ports.logistics),
      PAYMENTS_URL: url(ports.payments),
    });
    return {
      signer: issuer.signer,
      catalog: url(ports.catalog),
      logistics: url(ports.logistics),
      orders: url(ports.orders),
      payments: url(ports.payments),
      toss: tossUrl,
      tossDirect: url(tossPort),
      processes: { catalog, logistics, orders, payments },
      owner,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

const json = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

async function post(url: string, token: string, body: unknown, method = 'POST') {
  const response = await fetch(url, { method, headers: json(token), body: JSON.stringify(body) });
  if (response.status >= 300) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

export interface BenchOffer {
  farmId: string;
  offerId: string;
  priceKrw: number;
  /** The first delivery date logistics offers the farm. */
  date: string;
}

/**
 * A farm at catalog with one published offer and one lot of `boxes` (through catalog's farmer
 * API, as a farmer would), and its dispatch settings at logistics with room for every order.
 */
export async function offerForSale(
  stack: PurchaseStack,
  options: { boxes: number; priceKrw?: number; label: string },
): Promise<BenchOffer> {
  const farmId = newId();
  await stack.owner`insert into catalog.farms (id, name, region_sido, region_sigungu) values (${farmId}, ${`벤치농원 ${options.label}`}, '충청북도', '충주시')`;
  const token = await stack.signer.farmer([farmId]);
  const farmBase = `${stack.catalog}/v1/farms/${farmId}`;
  const product = await post(`${farmBase}/products`, token, { fruit: '딸기', variety: '설향', published: true });
  const priceKrw = options.priceKrw ?? 19_900;
  const offer = await post(`${farmBase}/products/${product.id}/offers`, token, {
    grade: '특',
    packKg: 1,
    priceKrw,
    published: true,
  });
  await post(`${farmBase}/offers/${offer.id}/lots`, token, {
    lotCode: `BENCH-${options.label}`,
    harvestedOn: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
    boxesHarvested: options.boxes,
  });
  await post(
    `${stack.logistics}/v1/farms/${farmId}/settings`,
    token,
    { dispatchWeekdays: [1, 2, 3, 4, 5, 6], cutoff: '23:00', dailyCapacity: 100_000, baseFee: 3_000, freeFrom: 30_000 },
    'PUT',
  );
  const promise = await fetch(`${stack.logistics}/v1/promise`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ postcode: '06236', farms: [{ farmId, boxes: 1 }] }),
  });
  const quoted = (await promise.json()) as { farms: { earliest: { date: string } | null }[] };
  const date = quoted.farms[0]?.earliest?.date;
  if (!date) throw new Error('logistics offered no delivery date');
  return { farmId, offerId: String(offer.id), priceKrw, date };
}

export const RECIPIENT = {
  name: '김민지',
  phone: '010-1234-5678',
  postcode: '06236',
  address1: '서울특별시 강남구 테헤란로 123',
  address2: '4층 401호',
  deliveryNote: null,
};

/** A shopper's checkout of one box of `offer`, as the shop sends it. */
export function checkoutBody(offer: BenchOffer, quantity = 1) {
  return {
    items: [{ offerId: offer.offerId, quantity, expectedUnitPrice: offer.priceKrw, cropFailurePolicy: 'refund' }],
    recipient: RECIPIENT,
    deliveryDates: { [offer.farmId]: offer.date },
  };
}

/** A shopper token identity would issue after the email was verified. */
export const shopperToken = (stack: PurchaseStack) =>
  stack.signer.shopper({ sub: newId(), emailVerified: true, email: `bench-${newId()}@example.com` });

/** POST /v1/checkouts; the answer's status and body. */
export async function placeCheckout(stack: PurchaseStack, token: string, body: unknown, key = crypto.randomUUID()) {
  const response = await fetch(`${stack.orders}/v1/checkouts`, {
    method: 'POST',
    headers: { ...json(token), 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { id?: string; amount?: number; code?: string; orderName?: string },
  };
}

/** The shopper pays at the stand-in's payment page (its admin route creates the same approved payment), then the shop confirms. */
export async function payOrder(
  stack: PurchaseStack,
  token: string,
  order: { id: string; amount: number; orderName?: string },
  tossDirect = stack.tossDirect,
): Promise<{ status: number; ms: number; body: unknown }> {
  const created = await fetch(`${tossDirect}/__admin/payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: TOSS_AUTHORIZATION },
    body: JSON.stringify({
      orderId: order.id,
      orderName: order.orderName ?? '벤치 주문',
      amount: order.amount,
      customerKey: 'bench',
    }),
  });
  if (created.status !== 201) throw new Error(`stand-in payment answered ${created.status}: ${await created.text()}`);
  const { paymentKey } = (await created.json()) as { paymentKey: string };
  const sent = performance.now();
  const response = await fetch(`${stack.payments}/v1/confirm`, {
    method: 'POST',
    headers: json(token),
    body: JSON.stringify({ paymentKey, orderId: order.id, amount: order.amount }),
  });
  const body = await response.json();
  return { status: response.status, ms: performance.now() - sent, body };
}
