// logistics' value lists, free of any database code (tables, contract, event catalogue, browser).

/** Where an address is, by its 5-digit 우편번호: what can reach it and for how much. */
export const deliveryAreas = ['dawn', 'parcel', 'jeju', 'remote'] as const;
export type DeliveryArea = (typeof deliveryAreas)[number];

/** A delivery date held at checkout, like a stock hold. */
export const bookingStatuses = ['held', 'confirmed', 'released', 'expired'] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

/** A shipment's courier progress, normalised from tracker.delivery's events. */
export const shipmentStatuses = [
  'booked',
  'at_pickup',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'exception',
  'cancelled',
] as const;
export type ShipmentStatus = (typeof shipmentStatuses)[number];

/** tracker.delivery carrier ids the farmers may ship with. */
export const carrierIds = ['kr.cjlogistics', 'kr.epost', 'kr.lotte', 'kr.hanjin', 'kr.logen'] as const;
export type CarrierId = (typeof carrierIds)[number];

/** What an admin's closure stops: pick-ups at farms, arrivals, or both. */
export const closureScopes = ['dispatch', 'delivery', 'all'] as const;
export type ClosureScope = (typeof closureScopes)[number];
