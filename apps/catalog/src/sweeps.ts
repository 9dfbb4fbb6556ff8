import { startSweep } from '@fruitables/kit';
import type { Logger } from 'pino';
import { announceAgedOutStock } from './domain/age-out.ts';
import type { DomainContext } from './domain/context.ts';
import { expireHolds } from './domain/settle-hold.ts';

type SweepContext = Pick<DomainContext, 'db' | 'clock' | 'stock'>;

/** Expires overdue holds (and announces ReservationExpired), 100 per transaction. */
export const startHoldExpirySweep = (ctx: SweepContext, options: { intervalMs: number; logger: Logger }) =>
  startSweep({ name: 'hold expiry', batchSize: 100, run: () => expireHolds(ctx, 100), ...options });

/** Announces offers whose lots aged out of sale (see `announceAgedOutStock`). */
export const startAgeOutSweep = (ctx: SweepContext, options: { intervalMs: number; logger: Logger }) =>
  startSweep({ name: 'stock age-out', run: () => announceAgedOutStock(ctx), ...options });
