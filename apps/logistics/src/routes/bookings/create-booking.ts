import { problemResponses, serviceTokenSecurity } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { BOOKINGS_SCOPE } from '../../contract/promise.ts';
import { createBooking } from '../../domain/bookings/create-booking.ts';
import type { LogisticsApp, RouteDeps } from '../deps.ts';
import { bookingBody, bookingHeaders, bookingResponse, bookingSchema } from './schema.ts';

export const createBookingRoute = createRoute({
  method: 'post',
  path: '/internal/v1/bookings',
  tags: ['internal'],
  summary: 'Hold a delivery date for a checkout (orders only)',
  description:
    'The date must be one the promise offers now. 409 `date_full` when the farm’s packing day or the hub’s dawn run has no room, `date_unavailable` for a date not offered, `area_unserved` for a postcode we cannot reach. The same Idempotency-Key returns the same booking (200); with a different body, 409 `idempotency_key_reused`.',
  // What the internal-route guard enforces: a service token for logistics with this scope.
  security: serviceTokenSecurity(BOOKINGS_SCOPE),
  request: {
    headers: bookingHeaders,
    body: { required: true, content: { 'application/json': { schema: bookingBody } } },
  },
  responses: {
    201: { description: 'Held', content: { 'application/json': { schema: bookingSchema } } },
    200: {
      description: 'Already held under this Idempotency-Key',
      content: { 'application/json': { schema: bookingSchema } },
    },
    ...problemResponses(400, 401, 403, 409),
  },
});

export function registerCreateBooking(app: LogisticsApp, deps: RouteDeps): void {
  app.openapi(createBookingRoute, async (c) => {
    const { booking, created } = await createBooking(
      deps.ctx,
      c.req.valid('header')['idempotency-key'],
      c.req.valid('json'),
    );
    return created ? c.json(bookingResponse(booking), 201) : c.json(bookingResponse(booking), 200);
  });
}
