import { registerConfirmBooking } from './bookings/confirm-booking.ts';
import { registerCreateBooking } from './bookings/create-booking.ts';
import { registerReleaseBooking } from './bookings/release-booking.ts';
import type { LogisticsApp, RouteDeps } from './deps.ts';
import { registerGetPromise } from './promise/get-promise.ts';
import { registerQuotePromise } from './promise/quote-promise.ts';

/** Every logistics route, in the order the docs list them: public, shopper, farmer, admin, internal. */
export function registerRoutes(app: LogisticsApp, deps: RouteDeps): void {
  registerGetPromise(app, deps);
  registerQuotePromise(app, deps);
  registerCreateBooking(app, deps);
  registerConfirmBooking(app, deps);
  registerReleaseBooking(app, deps);
}
