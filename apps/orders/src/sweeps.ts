import { startSweep } from '@fruitables/kit';
import type { Logger } from 'pino';
import type { OrdersDomain } from './domain/build.ts';
import { expireUnpaidOrders } from './domain/expiry.ts';
import { cancelUnansweredRecipients } from './domain/gift-addresses.ts';
import { completeDueFulfilments } from './domain/shipment-events.ts';
import { refundExpiredWaits } from './domain/shortages.ts';

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
