/** Toss's retry schedule after a failed delivery: 1, 4, 16, 64, 256, 1024 and 4096 minutes. */
export const TOSS_WEBHOOK_RETRY_MINUTES = [1, 4, 16, 64, 256, 1024, 4096] as const;

export interface WebhookDelivery {
  body: unknown;
  attempts: number;
  delivered: boolean;
  lastStatus: number | null;
}

export interface WebhookSender {
  send(body: unknown): void;
  setUrl(url: string | null): void;
  readonly deliveries: WebhookDelivery[];
  close(): void;
}

/**
 * Posts webhooks as Toss does: JSON, success only on a 200, and retries after
 * `TOSS_WEBHOOK_RETRY_MINUTES` (each minute lasting `minuteMs`, so tests can run the schedule
 * in milliseconds) until one is answered 200 or the schedule runs out.
 */
export function createWebhookSender(options: { url: string | null; minuteMs: number }): WebhookSender {
  let url = options.url;
  const deliveries: WebhookDelivery[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let closed = false;

  async function attempt(delivery: WebhookDelivery): Promise<void> {
    if (closed || url === null) return;
    delivery.attempts += 1;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(delivery.body),
        signal: AbortSignal.timeout(10_000),
      });
      delivery.lastStatus = response.status;
      await response.body?.cancel();
      if (response.status === 200) {
        delivery.delivered = true;
        return;
      }
    } catch {
      delivery.lastStatus = null;
    }
    const minutes = TOSS_WEBHOOK_RETRY_MINUTES[delivery.attempts - 1];
    if (minutes === undefined || closed) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      void attempt(delivery);
    }, minutes * options.minuteMs);
    timers.add(timer);
  }

  return {
    deliveries,
    send(body) {
      const delivery: WebhookDelivery = { body, attempts: 0, delivered: false, lastStatus: null };
      deliveries.push(delivery);
      void attempt(delivery);
    },
    setUrl(next) {
      url = next;
    },
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
