import { Conflict, NotFound } from '@fruitables/core';

// Domain errors with stable codes; the kit maps their kinds to problem+json. Messages are
// Korean first (what the shop and the farmer console show), English after.

export const bookingNotFound = () =>
  new NotFound('예약을 찾을 수 없어요. No booking with this id.', 'booking_not_found');
export const shipmentNotFound = () =>
  new NotFound('배송을 찾을 수 없어요. No shipment with this id on this farm.', 'shipment_not_found');
export const closureNotFound = () =>
  new NotFound('휴무일을 찾을 수 없어요. No closure with this id.', 'closure_not_found');
export const orderTrackingNotFound = () =>
  new NotFound('주문의 배송 정보를 찾을 수 없어요. No shipments for this order.', 'order_not_found');

export const areaUnserved = (reason: string) =>
  new Conflict(reason, 'area_unserved', [{ field: 'recipient.postcode', message: reason }]);

export const dateUnavailable = (date: string) => {
  const message = `${date}에는 배송할 수 없어요. 배송일을 다시 골라 주세요. No delivery on ${date} for this farm and address.`;
  return new Conflict(message, 'date_unavailable', [{ field: 'deliveryDate', message }]);
};

export const dateFull = (date: string) => {
  const message = `${date} 배송은 마감되었어요. 다른 날을 골라 주세요. ${date} is fully booked.`;
  return new Conflict(message, 'date_full', [{ field: 'deliveryDate', message }]);
};

export const idempotencyKeyReused = () =>
  new Conflict(
    '같은 Idempotency-Key로 다른 예약을 요청했어요. This Idempotency-Key was used for a different booking.',
    'idempotency_key_reused',
  );
