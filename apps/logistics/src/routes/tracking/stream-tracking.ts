import { principalOf, problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { orderTracking, shipmentTracking } from '../../domain/shipments/order-tracking.ts';
import { type LogisticsApp, type RouteDeps, shopperRouteSecurity } from '../deps.ts';
import { orderParams, viewerOf } from './get-tracking.ts';
import { trackedShipmentBody } from './schema.ts';

const query = z.object({
  access_token: z
    .string()
    .max(4_096)
    .optional()
    .openapi({ description: 'The access token, for EventSource, which cannot send an Authorization header' }),
});

export const streamTrackingRoute = createRoute({
  method: 'get',
  path: '/v1/orders/{orderId}/tracking/stream',
  tags: ['shopper'],
  summary: 'Live tracking over Server-Sent Events: `event: shipment` with one shipment each time it changes',
  description:
    'Sends every shipment once on connect, then each one again when it changes; a comment heartbeat every 15 s. The token comes as `Authorization: Bearer` or `?access_token=`. Fall back to polling GET …/tracking when the stream cannot be opened.',
  ...shopperRouteSecurity,
  request: { params: orderParams, query },
  responses: {
    200: { description: 'The event stream', content: { 'text/event-stream': { schema: z.string() } } },
    ...problemResponses(400, 401, 404),
  },
});

export function registerStreamTracking(app: LogisticsApp, deps: RouteDeps): void {
  app.openapi({ ...streamTrackingRoute, middleware: [deps.tokenFromQuery, ...deps.shopperOrAdmin] }, async (c) => {
    const { orderId } = c.req.valid('param');
    // Checked before the stream opens, so a stranger gets a plain 404 problem.
    const initial = await orderTracking(deps.ctx.db, orderId, viewerOf(principalOf(c)));
    c.header('cache-control', 'private, no-store');
    // Tells nginx-style proxies not to buffer; the edge's VCL streams /api responses.
    c.header('x-accel-buffering', 'no');
    return streamSSE(c, async (stream) => {
      const pending = new Set<string>();
      let wake: (() => void) | undefined;
      const unsubscribe = deps.liveFeed.subscribe(orderId, (shipmentId) => {
        pending.add(shipmentId);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      try {
        for (const shipment of initial) {
          await stream.writeSSE({ event: 'shipment', data: JSON.stringify(trackedShipmentBody(shipment)) });
        }
        while (!stream.aborted && !stream.closed) {
          await new Promise<void>((resolve) => {
            const timeout = setTimeout(resolve, deps.streamHeartbeatMs);
            wake = () => {
              clearTimeout(timeout);
              resolve();
            };
          });
          if (stream.aborted) break;
          if (pending.size === 0) {
            await stream.write(': heartbeat\n\n');
            continue;
          }
          const ids = [...pending];
          pending.clear();
          for (const id of ids) {
            const shipment = await shipmentTracking(deps.ctx.db, id);
            if (shipment)
              await stream.writeSSE({ event: 'shipment', id, data: JSON.stringify(trackedShipmentBody(shipment)) });
          }
        }
      } finally {
        unsubscribe();
      }
    });
  });
}
