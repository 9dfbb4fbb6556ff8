import { problemResponses, serviceTokenSecurity } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { BOOKINGS_SCOPE } from '../../contract/promise.ts';
import { confirmBooking } from '../../domain/bookings/settle-booking.ts';
import type { LogisticsApp, RouteDeps } from '../deps.ts';
import { bookingParams } from '../params.ts';
import { bookingResponse, bookingSchema } from './schema.ts';

export const confirmBookingRoute = createRoute({
  method: 'post',
  path: '/internal/v1/bookings/{bookingId}/confirm',
  tags: ['internal'],
  summary: 'Confirm a paid booking: its shipment is created (ShipmentCreated)',
  security: serviceTokenSecurity(BOOKINGS_SCOPE),
  request: { params: bookingParams },
  responses: {
    200: {
      description: 'Done (also when it was already done)',
      content: { 'application/json': { schema: bookingSchema } },
    },
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

export function registerConfirmBooking(app: LogisticsApp, deps: RouteDeps): void {
  app.openapi(confirmBookingRoute, async (c) => {
    const booking = await confirmBooking(deps.ctx, c.req.valid('param').bookingId);
    return c.json(bookingResponse(booking), 200);
  });
}
