import { problemResponses, serviceTokenSecurity } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { BOOKINGS_SCOPE } from '../../contract/promise.ts';
import { releaseBooking } from '../../domain/bookings/settle-booking.ts';
import type { LogisticsApp, RouteDeps } from '../deps.ts';
import { bookingParams } from '../params.ts';
import { bookingResponse, bookingSchema } from './schema.ts';

export const releaseBookingRoute = createRoute({
  method: 'post',
  path: '/internal/v1/bookings/{bookingId}/release',
  tags: ['internal'],
  summary: 'Release a booking: its places go back (releasing twice is a no-op)',
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

export function registerReleaseBooking(app: LogisticsApp, deps: RouteDeps): void {
  app.openapi(releaseBookingRoute, async (c) => {
    const booking = await releaseBooking(deps.ctx, c.req.valid('param').bookingId);
    return c.json(bookingResponse(booking), 200);
  });
}
