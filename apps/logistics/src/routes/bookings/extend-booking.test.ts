import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingSchema } from '../../contract/internal-bookings.ts';
import { expireBookings } from '../../domain/bookings/settle-booking.ts';
import {
  bookingRequest,
  call,
  createHarness,
  type LogisticsHarness,
  ordersServiceToken,
} from '../../testing/harness.ts';

let h: LogisticsHarness;
let service: string;
beforeAll(async () => {
  h = await createHarness('logistics-booking-extension');
  service = await ordersServiceToken(h.signer);
});
afterAll(async () => {
  await h.close();
});

describe('extending a booking (an order waiting for a virtual account deposit)', () => {
  it('keeps it past its TTL, never sooner, and refuses one already expired', async () => {
    const created = await call(h, 'POST', '/internal/v1/bookings', {
      token: service,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: bookingRequest(crypto.randomUUID(), '2026-12-10'),
    });
    const booking = created.parse(bookingSchema);
    const extend = (bookingId: string, expiresAt: string) =>
      call(h, 'POST', `/internal/v1/bookings/${bookingId}/extend`, { token: service, body: { expiresAt } });
    const later = new Date(h.clock.now().getTime() + 86_400_000).toISOString();
    expect((await extend(booking.id, later)).parse(bookingSchema).expiresAt).toBe(later);
    const sooner = new Date(h.clock.now().getTime() + 60_000).toISOString();
    expect((await extend(booking.id, sooner)).parse(bookingSchema).expiresAt).toBe(later);
    h.clock.advance(3_600_000);
    await expireBookings(h.ctx);
    service = await ordersServiceToken(h.signer);
    const stillHeld = await call(h, 'POST', `/internal/v1/bookings/${booking.id}/confirm`, { token: service });
    expect(stillHeld.parse(bookingSchema).status).toBe('confirmed');

    const other = (
      await call(h, 'POST', '/internal/v1/bookings', {
        token: service,
        headers: { 'idempotency-key': crypto.randomUUID() },
        body: bookingRequest(crypto.randomUUID(), '2026-12-10'),
      })
    ).parse(bookingSchema);
    await call(h, 'POST', `/internal/v1/bookings/${other.id}/release`, { token: service });
    const refused = await extend(other.id, new Date(h.clock.now().getTime() + 86_400_000).toISOString());
    expect(refused.json).toMatchObject({ status: 409, code: 'booking_not_live' });
  });
});
