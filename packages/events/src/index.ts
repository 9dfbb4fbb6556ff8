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
