import type { Logger } from 'pino';
import type { DomainContext } from '../domain/context.ts';
import { processWebhook } from '../domain/webhooks.ts';

export interface WebhookJobs {
  /** Processes the receipt after the response went out; a failure is left to the reconciler. */
  process(receiptId: string): void;
  /** Waits for the ones running (shutdown). */
  drain(): Promise<void>;
}

export function createWebhookJobs(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'logger' | 'pg' | 'reconcile' | 'ledger' | 'checkpoint'>,
  logger: Logger,
): WebhookJobs {
  const running = new Set<Promise<void>>();
  return {
    process(receiptId) {
      const job = processWebhook(ctx, receiptId)
        .catch((error: unknown) =>
          logger.warn({ err: error, receiptId }, 'webhook processing failed; the reconciler retries'),
        )
        .finally(() => running.delete(job));
      running.add(job);
    },
    async drain() {
      await Promise.all([...running]);
    },
  };
}
