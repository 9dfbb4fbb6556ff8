import { problemResponses, serviceTokenSecurity } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { bookingExtensionBody } from '../../contract/internal-bookings.ts';
import { BOOKINGS_SCOPE } from '../../contract/promise.ts';
import { extendBooking } from '../../domain/bookings/extend-booking.ts';
import type { LogisticsApp, RouteDeps } from '../deps.ts';
import { bookingParams } from '../params.ts';
import { bookingResponse, bookingSchema } from './schema.ts';

export const extendBookingRoute = createRoute({
  method: 'post',
  path: '/internal/v1/bookings/{bookingId}/extend',
  tags: ['internal'],
  summary: 'Keep a held booking longer (an order waiting for a virtual account deposit)',
  description: 'Never shortens a booking; at most 7 days ahead. 409 `booking_not_live` once released or expired.',
  security: serviceTokenSecurity(BOOKINGS_SCOPE),
  request: {
    params: bookingParams,
    body: { required: true, content: { 'application/json': { schema: bookingExtensionBody } } },
  },
  responses: {
    200: {
      description: 'Held until the later of both expiries',
      content: { 'application/json': { schema: bookingSchema } },
    },
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

export function registerExtendBooking(app: LogisticsApp, deps: RouteDeps): void {
  app.openapi(extendBookingRoute, async (c) => {
    const booking = await extendBooking(
      deps.ctx,
      c.req.valid('param').bookingId,
      new Date(c.req.valid('json').expiresAt),
    );
    return c.json(bookingResponse(booking), 200);
  });
}
