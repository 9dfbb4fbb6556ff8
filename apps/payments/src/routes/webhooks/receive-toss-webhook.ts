import { problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { recordWebhook, type WebhookNotice } from '../../domain/webhooks.ts';
import type { PaymentsApp, RouteDeps } from '../deps.ts';

const tossOrderId = z.uuid();

/**
 * PAYMENT_STATUS_CHANGED (and Toss's other typed events): `{ eventType, createdAt, data }`,
 * `data` a Payment object, or for a typed DEPOSIT_CALLBACK the deposit's fields with `secret`.
 * Loose: a field Toss adds must not turn its webhook into a 400 it retries for days.
 */
const typedEvent = z.looseObject({
  eventType: z.string().min(1).max(64),
  createdAt: z.string().max(64),
  data: z.looseObject({
    orderId: tossOrderId,
    paymentKey: z.string().max(200).optional(),
    secret: z.string().max(200).nullish(),
  }),
});

/** DEPOSIT_CALLBACK (virtual accounts): `{ createdAt, secret, status, transactionKey, orderId }`. */
const depositCallback = z.looseObject({
  createdAt: z.string().max(64),
  secret: z.string().min(1).max(200),
  status: z.string().min(1).max(32),
  transactionKey: z.string().max(200).nullable(),
  orderId: tossOrderId,
});

const webhookBody = z.union([typedEvent, depositCallback]).openapi('TossWebhook');

/** What the domain needs of either shape: which order, and the deposit's secret if any. */
function noticeOf(body: z.infer<typeof webhookBody>): WebhookNotice {
  const typed = typedEvent.safeParse(body);
  if (typed.success) {
    const { eventType, data } = typed.data;
    return { eventType, orderId: data.orderId, secret: data.secret ?? null, body };
  }
  const deposit = depositCallback.parse(body);
  return { eventType: 'DEPOSIT_CALLBACK', orderId: deposit.orderId, secret: deposit.secret, body };
}

export const receiveTossWebhookRoute = createRoute({
  method: 'post',
  path: '/v1/webhooks/toss',
  tags: ['webhooks'],
  summary: "Toss's webhooks (PAYMENT_STATUS_CHANGED, DEPOSIT_CALLBACK)",
  description:
    'No auth: the body is never trusted. Answered 200 at once; payments then asks Toss for the order and acts on that, idempotently, in any order and any number of times. Webhooks about orders payments never saw are dropped.',
  request: { body: { required: true, content: { 'application/json': { schema: webhookBody } } } },
  responses: {
    200: { description: 'Received', content: { 'application/json': { schema: z.object({ received: z.boolean() }) } } },
    ...problemResponses(400),
  },
});

export function registerReceiveTossWebhook(app: PaymentsApp, deps: RouteDeps): void {
  app.openapi(receiveTossWebhookRoute, async (c) => {
    const body = c.req.valid('json');
    const receiptId = await recordWebhook(deps.ctx, noticeOf(body));
    if (receiptId) deps.webhookJobs.process(receiptId);
    return c.json({ received: true }, 200);
  });
}
