import { defineService } from '@fruitables/kit';
import { ordersTables, outbox } from '@fruitables/schema-orders';
import { createWorkflowMetrics } from '@fruitables/workflow';
import { createApp } from './app.ts';
import { createPaymentEventsConsumer, createShipmentEventsConsumer, createStockEventsConsumer } from './consumers.ts';
import { createOrdersDomain } from './domain/build.ts';
import { ordersProducer } from './domain/events.ts';
import { ordersEnvShape, serviceCredentialsFrom } from './env.ts';
import { createRemotes } from './remotes.ts';
import { startAutoCompleteSweep, startExpirySweep, startGiftAddressSweep, startWaitDeadlineSweep } from './sweeps.ts';

/** orders as the runner starts it: its settings, its tables, and how its parts are built. */
export const ordersService = defineService({
  name: 'orders',
  env: ordersEnvShape,
  config: serviceCredentialsFrom,
  tables: ordersTables,
  producer: { stream: ordersProducer.stream, outbox },
  verifiesTokens: true,
  async build({ env, config: credentials, db, logger, clock, auth, http, ...platform }) {
    const { redis, registry, lifecycle, keys, readiness, busMetrics: metrics, consumerName } = platform;
    const domain = createOrdersDomain({
      db,
      clock,
      logger,
      policy: {
        paymentWindowSeconds: env.ORDERS_PAYMENT_WINDOW_SECONDS,
        holdMarginSeconds: env.ORDERS_HOLD_MARGIN_SECONDS,
        autoCompleteDays: env.ORDERS_AUTO_COMPLETE_DAYS,
        waitDays: env.ORDERS_CROP_WAIT_DAYS,
        checkoutWaitMs: env.ORDERS_CHECKOUT_WAIT_MS,
        giftLinkSecret: env.ORDERS_GIFT_LINK_SECRET,
      },
      remotes: createRemotes({
        catalogUrl: env.CATALOG_URL,
        logisticsUrl: env.LOGISTICS_URL,
        paymentsUrl: env.PAYMENTS_URL,
        credentials,
        logger,
      }),
      workflowMetrics: createWorkflowMetrics(registry),
    });
    const wiring = { redis: platform.redisConnection, db, logger, metrics, consumerName };
    const sweepOptions = { intervalMs: env.ORDERS_SWEEP_MS, logger };
    return {
      app: createApp({ domain, redis, clock, logger, registry, lifecycle, keys, readiness, ...auth, ...http }),
      consumers: {
        'payments consumer': createPaymentEventsConsumer(wiring, domain),
        'logistics consumer': createShipmentEventsConsumer(wiring, domain),
        'catalog consumer': createStockEventsConsumer(wiring, domain),
      },
      sweeps: {
        // Resumes checkouts whose process died and drives pay, release and refund runs.
        'workflow sweeper': () => domain.engine.startSweeper({ intervalMs: 1_000 }),
        'unpaid order expiry': () => startExpirySweep(domain, sweepOptions),
        '구매확정 sweep': () => startAutoCompleteSweep(domain, sweepOptions),
        'crop-failure wait sweep': () => startWaitDeadlineSweep(domain, sweepOptions),
        'gift address sweep': () => startGiftAddressSweep(domain, sweepOptions),
      },
    };
  },
});
