import { createFieldCipher } from '@fruitables/core/field-cipher';
import { IDENTITY_AUDIENCE, PAYOUT_ACCOUNTS_SCOPE } from '@fruitables/identity/contract';
import { createServiceTokenProvider, defineService } from '@fruitables/kit';
import { createServiceClient, tokenUrlOf } from '@fruitables/kit/client';
import { ORDERS_AUDIENCE, PAYMENTS_SCOPE } from '@fruitables/orders/contract';
import { outbox, paymentsTables } from '@fruitables/schema-payments';
import { Counter } from 'prom-client';
import { createApp } from './app.ts';
import { paymentsProducer } from './domain/events.ts';
import { checkoutSettingsFrom, paymentsEnvShape } from './env.ts';
import { createFarmAccounts } from './identity-client/farm-accounts.ts';
import { createOrderEventsConsumer } from './ledger/order-events.ts';
import { createOrdersGateway } from './orders-client/orders-gateway.ts';
import { startPgSettlementCheckSweep, startReconcileSweep, startWeeklySettlementSweep } from './sweeps.ts';
import { createTossGateway } from './toss/toss-gateway.ts';
import { createWebhookJobs } from './webhooks/webhook-jobs.ts';

/** payments as the runner starts it: its settings, its tables, and how its parts are built. */
export const paymentsService = defineService({
  name: 'payments',
  env: paymentsEnvShape,
  config: checkoutSettingsFrom,
  tables: paymentsTables,
  producer: { stream: paymentsProducer.stream, outbox },
  verifiesTokens: true,
  async build({ env, config, db, logger, clock, auth, http, ...platform }) {
    const { client, ...checkout } = config;
    const { redis, registry, lifecycle, keys, readiness, busMetrics: metrics, consumerName } = platform;
    const orders = createOrdersGateway(
      createServiceClient({
        callee: 'orders',
        baseUrl: env.ORDERS_URL,
        tokens: createServiceTokenProvider({
          tokenUrl: tokenUrlOf(client.identityUrl),
          clientId: client.id,
          clientSecret: client.secret,
          audience: ORDERS_AUDIENCE,
          scopes: [PAYMENTS_SCOPE],
          clock,
        }),
        logger,
      }),
    );
    const farmAccounts = createFarmAccounts(
      createServiceClient({
        callee: 'identity',
        baseUrl: client.identityUrl,
        tokens: createServiceTokenProvider({
          tokenUrl: tokenUrlOf(client.identityUrl),
          clientId: client.id,
          clientSecret: client.secret,
          audience: IDENTITY_AUDIENCE,
          scopes: [PAYOUT_ACCOUNTS_SCOPE],
          clock,
        }),
        logger,
      }),
    );
    const pgDifferences = new Counter({
      name: 'payments_pg_settlement_differences_total',
      help: "Orders whose payments and refunds differ from the PG's settlement list (daily check)",
      registers: [registry],
    });
    const pg = createTossGateway({
      apiUrl: env.PAYMENTS_TOSS_API_URL,
      secretKey: env.PAYMENTS_TOSS_SECRET_KEY,
      timeoutMs: env.PAYMENTS_TOSS_TIMEOUT_MS,
      logger,
    });
    const reconcile = {
      inFlightGraceMs: env.PAYMENTS_IN_FLIGHT_GRACE_MS,
      abandonAfterMs: env.PAYMENTS_ABANDON_AFTER_MS,
    };
    const ledger = { commissionBps: env.PAYMENTS_COMMISSION_BPS, pgFeeBps: env.PAYMENTS_PG_FEE_BPS };
    const cipher = createFieldCipher({
      keys: new Map(Object.entries(env.PAYMENTS_ENCRYPTION_KEYS)),
      activeKeyId: env.PAYMENTS_ENCRYPTION_KEY_ID,
    });
    const payoutTransfer = env.PAYMENTS_PAYOUT_TRANSFER;
    const domain = { db, clock, logger, pg, reconcile, ledger, cipher, farmAccounts, payoutTransfer };
    const schedule = { intervalMs: env.PAYMENTS_SCHEDULE_INTERVAL_MS, logger };
    const webhookJobs = createWebhookJobs(domain, logger);
    return {
      app: createApp({
        db,
        redis,
        clock,
        logger,
        registry,
        lifecycle,
        keys,
        readiness,
        pg,
        orders,
        checkout,
        reconcile,
        ledger,
        cipher,
        farmAccounts,
        payoutTransfer,
        webhookJobs,
        ...auth,
        ...http,
      }),
      consumers: {
        'orders-events consumer': createOrderEventsConsumer(
          { redis: platform.redisConnection, db, logger, metrics, consumerName },
          ledger,
        ),
      },
      sweeps: {
        reconciler: () => startReconcileSweep(domain, { intervalMs: env.PAYMENTS_RECONCILE_INTERVAL_MS, logger }),
        'weekly settlement': () => startWeeklySettlementSweep(domain, schedule),
        'daily PG settlement check': () =>
          startPgSettlementCheckSweep(domain, (count) => pgDifferences.inc(count), schedule),
      },
      jobs: { 'webhook processing': webhookJobs },
    };
  },
});
