import { registerConfirmBooking } from './bookings/confirm-booking.ts';
import { registerCreateBooking } from './bookings/create-booking.ts';
import { registerExtendBooking } from './bookings/extend-booking.ts';
import { registerReleaseBooking } from './bookings/release-booking.ts';
import { registerAddClosure } from './closures/add-closure.ts';
import { registerListClosures } from './closures/list-closures.ts';
import { registerRemoveClosure } from './closures/remove-closure.ts';
import type { LogisticsApp, RouteDeps } from './deps.ts';
import { registerHubCapacity } from './hub/hub-capacity.ts';
import { registerGetPromise } from './promise/get-promise.ts';
import { registerQuotePromise } from './promise/quote-promise.ts';
import { registerGetSettings } from './settings/get-settings.ts';
import { registerPutSettings } from './settings/put-settings.ts';
import { registerGetLabelStyles } from './shipments/get-label-styles.ts';
import { registerGetLabels } from './shipments/get-labels.ts';
import { registerGetPackingList } from './shipments/get-packing-list.ts';
import { registerShipShipment } from './shipments/ship-shipment.ts';
import { registerUploadTracking } from './shipments/upload-tracking.ts';
import { registerGetTracking } from './tracking/get-tracking.ts';
import { registerStreamTracking } from './tracking/stream-tracking.ts';
import { registerTrackerWebhook } from './webhooks/tracker-webhook.ts';

/** Every logistics route, in the order the docs list them: public, shopper, farmer, admin, internal. */
export function registerRoutes(app: LogisticsApp, deps: RouteDeps): void {
  registerGetPromise(app, deps);
  registerGetTracking(app, deps);
  registerStreamTracking(app, deps);
  registerTrackerWebhook(app, deps);
  registerGetSettings(app, deps);
  registerPutSettings(app, deps);
  registerGetPackingList(app, deps);
  registerGetLabels(app, deps);
  registerGetLabelStyles(app, deps);
  registerShipShipment(app, deps);
  registerUploadTracking(app, deps);
  registerListClosures(app, deps);
  registerAddClosure(app, deps);
  registerRemoveClosure(app, deps);
  registerHubCapacity(app, deps);
  registerQuotePromise(app, deps);
  registerCreateBooking(app, deps);
  registerConfirmBooking(app, deps);
  registerReleaseBooking(app, deps);
  registerExtendBooking(app, deps);
}
