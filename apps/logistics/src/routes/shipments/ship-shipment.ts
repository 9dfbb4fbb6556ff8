import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { shipShipment } from '../../domain/shipments/ship-shipment.ts';
import { normaliseTrackingNumber } from '../../domain/shipments/shipment-status.ts';
import { farmRouteSecurity, type LogisticsApp, type RouteDeps } from '../deps.ts';
import { farmShipmentParams } from '../params.ts';
import { shipBody, shipmentResponse, shipmentSchema } from './schema.ts';

export const shipShipmentRoute = createRoute({
  method: 'post',
  path: '/v1/farms/{farmId}/shipments/{shipmentId}/ship',
  tags: ['farmer'],
  summary: 'Mark a shipment handed to the courier with its 송장번호 (ShipmentStatusChanged → at_pickup)',
  description:
    'The same carrier and number again is a no-op; 409 `tracking_number_taken` when another shipment has it.',
  ...farmRouteSecurity,
  request: {
    params: farmShipmentParams,
    body: { required: true, content: { 'application/json': { schema: shipBody } } },
  },
  responses: {
    200: { description: 'Shipped', content: { 'application/json': { schema: shipmentSchema } } },
    ...problemResponses(400, 401, 404, 409),
  },
});

export function registerShipShipment(app: LogisticsApp, deps: RouteDeps): void {
  app.openapi({ ...shipShipmentRoute, middleware: deps.farmAccess }, async (c) => {
    const { farmId, shipmentId } = c.req.valid('param');
    const body = c.req.valid('json');
    // The schema already admits only digits, spaces and dashes of a plausible length.
    const trackingNumber = normaliseTrackingNumber(body.trackingNumber) ?? body.trackingNumber;
    const shipped = await shipShipment(deps.ctx, farmId, shipmentId, { carrierId: body.carrierId, trackingNumber });
    return c.json(shipmentResponse(shipped), 200);
  });
}
