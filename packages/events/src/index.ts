export {
  catalogEvents,
  harvestBatchPublished,
  offerPriceChanged,
  productPublished,
  reservationExpired,
  stockLevelChanged,
} from './catalog.ts';
export {
  type PlatformCatalogue,
  type PlatformEvent,
  type PlatformEventType,
  platformCatalogue,
  platformJsonSchema,
  platformStreams,
} from './catalogue.ts';
export {
  accountDisabled,
  accountRegistered,
  farmerApplicationSubmitted,
  farmerRejected,
  farmerVerified,
  farmManagerLinked,
  identityEvents,
} from './identity.ts';
export {
  logisticsEvents,
  shipmentCreated,
  shipmentDelivered,
  shipmentLate,
  shipmentStatusChanged,
} from './logistics.ts';
export {
  fulfilmentContentsChanged,
  fulfilmentStatusChanged,
  orderCancelled,
  orderCompleted,
  orderPaid,
  orderPlaced,
  ordersEvents,
} from './orders.ts';
export {
  paymentAwaitingDeposit,
  paymentCompleted,
  paymentFailed,
  paymentsEvents,
  payoutPaid,
  refundCompleted,
} from './payments.ts';
