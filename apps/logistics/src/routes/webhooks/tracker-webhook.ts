import { problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { pollSoon } from '../../domain/shipments/apply-tracking.ts';
import type { LogisticsApp, RouteDeps } from '../deps.ts';

const body = z
  .object({
    carrierId: z.string().min(1).max(64).openapi({ example: 'kr.cjlogistics' }),
    trackingNumber: z.string().min(1).max(64).openapi({ example: '640123456789' }),
  })
  .openapi('TrackerWebhook');

export const trackerWebhookRoute = createRoute({
  method: 'post',
  path: '/v1/webhooks/tracker',
  tags: ['webhooks'],
  summary: 'tracker.delivery’s callback: the courier has news for a number',
  description:
    'No sign-in (the tracker calls it). The body is never trusted: it only makes the shipment’s next poll due now, and the poll reads the tracker again.',
  request: { body: { required: true, content: { 'application/json': { schema: body } } } },
  responses: {
    202: {
      description: 'Noted',
      content: { 'application/json': { schema: z.object({ scheduled: z.number().int() }) } },
    },
    ...problemResponses(400),
  },
});

export function registerTrackerWebhook(app: LogisticsApp, deps: RouteDeps): void {
  app.openapi(trackerWebhookRoute, async (c) => {
    const { carrierId, trackingNumber } = c.req.valid('json');
    return c.json({ scheduled: await pollSoon(deps.ctx, carrierId, trackingNumber) }, 202);
  });
}
