import type { Logger } from 'pino';
import type { OrdersDomain } from './domain/build.ts';
import { expireUnpaidOrders } from './domain/expiry.ts';
import { cancelUnansweredRecipients } from './domain/gift-addresses.ts';
import { completeDueFulfilments } from './domain/shipment-events.ts';
import { refundExpiredWaits } from './domain/shortages.ts';

export interface Sweep {
  stop(): Promise<void>;
}

interface SweepOptions {
  name: string;
  intervalMs: number;
  logger: Logger;
  /** One unit of work; returns how many items it handled. */
  run: () => Promise<number>;
  /** A pass that handled this many goes again at once (a backlog after downtime drains quickly). */
  batchSize?: number;
}

/**
 * Runs `run` every `intervalMs`, each pass after the previous one (a timer chain, not
 * setInterval), so a slow database never stacks passes. Replicas may all run it: the work
 * locks what it changes (SKIP LOCKED, the order's row lock).
 */
export function startSweep(options: SweepOptions): Sweep {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const pass = async (): Promise<void> => {
    try {
      while (!stopped) {
        const handled = await options.run();
        if (handled > 0) options.logger.info({ sweep: options.name, handled }, 'sweep pass handled items');
        if (options.batchSize === undefined || handled < options.batchSize) return;
      }
    } catch (error) {
      options.logger.error({ err: error, sweep: options.name }, 'sweep pass failed');
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().finally(schedule);
    }, options.intervalMs);
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** Unpaid orders past their deadline are cancelled and their holds released. */
export const startExpirySweep = (domain: OrdersDomain, options: { intervalMs: number; logger: Logger }) =>
  startSweep({ name: 'unpaid order expiry', batchSize: 100, run: () => expireUnpaidOrders(domain, 100), ...options });

/** Delivered fulfilments whose 구매확정 clock ran out are completed. */
export const startAutoCompleteSweep = (domain: OrdersDomain, options: { intervalMs: number; logger: Logger }) =>
  startSweep({ name: '구매확정', batchSize: 100, run: () => completeDueFulfilments(domain, 100), ...options });

/** `wait` lines whose deadline passed are refunded. */
export const startWaitDeadlineSweep = (domain: OrdersDomain, options: { intervalMs: number; logger: Logger }) =>
  startSweep({
    name: 'crop-failure wait deadline',
    batchSize: 100,
    run: () => refundExpiredWaits(domain, 100),
    ...options,
  });

/** Gift recipients who did not give their address by the deadline are cancelled and refunded alone. */
export const startGiftAddressSweep = (domain: OrdersDomain, options: { intervalMs: number; logger: Logger }) =>
  startSweep({
    name: 'gift address deadline',
    batchSize: 100,
    run: () => cancelUnansweredRecipients(domain, 100),
    ...options,
  });
