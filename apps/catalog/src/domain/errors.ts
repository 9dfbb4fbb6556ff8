import { Conflict, NotFound } from '@fruitables/core';

// Domain errors with stable codes; the kit maps their kinds to problem+json. Messages carry Korean
// first (what the farmer console shows) and English after, since both audiences read them.

export const productNotFound = () =>
  new NotFound('상품을 찾을 수 없습니다. No product with this id.', 'product_not_found');
export const offerNotFound = () =>
  new NotFound('판매 옵션을 찾을 수 없습니다. No offer with this id.', 'offer_not_found');
export const lotNotFound = () => new NotFound('로트를 찾을 수 없습니다. No lot with this code.', 'lot_not_found');
export const holdNotFound = () => new NotFound('No hold with this id.', 'hold_not_found');

/** Not enough sellable boxes for at least one line: the whole hold is refused, nothing is reserved. */
export class SoldOut extends Conflict {
  constructor(readonly offerIds: string[]) {
    super(`품절되었습니다. Not enough stock left for offer(s) ${offerIds.join(', ')}.`, 'sold_out');
  }
}

/** By id on one farm: another farm's lot answers exactly like a missing one. */
export const lotNotFoundById = () =>
  new NotFound('로트를 찾을 수 없습니다. No lot with this id on this farm.', 'lot_not_found');

/**
 * A well-formed on-hand count that the lot, as it is now, cannot take. A conflict like every
 * other clash with current state (holds and sales move these limits), naming the field so the
 * console can point at it.
 */
const onHandConflict = (code: string, message: string) => new Conflict(message, code, [{ field: 'onHand', message }]);

export const onHandBelowReserved = (reserved: number) =>
  onHandConflict(
    'on_hand_below_reserved',
    `보유 수량(onHand)은 주문 예약으로 잡혀 있는 ${reserved}상자보다 적을 수 없습니다. ${reserved} 이상으로 보내거나, 예약된 주문이 확정·취소된 뒤 다시 조정하세요. ` +
      `onHand cannot be below the ${reserved} boxes held for checkouts: send at least ${reserved}, or adjust again once those orders are confirmed or released.`,
  );

export const onHandOverHarvest = (harvested: number, sold: number) =>
  onHandConflict(
    'on_hand_over_harvest',
    `보유 수량(onHand)은 수확한 ${harvested}상자에서 판매된 ${sold}상자를 뺀 ${harvested - sold}상자를 넘을 수 없습니다. ${harvested - sold} 이하로 보내세요. ` +
      `onHand cannot exceed ${harvested - sold} (${harvested} boxes harvested, ${sold} sold): send at most ${harvested - sold}.`,
  );

export const damageMustLowerOnHand = (onHand: number) =>
  onHandConflict(
    'damage_must_lower_on_hand',
    `파손(damage) 조정은 보유 수량을 지금의 ${onHand}상자보다 줄여야 합니다. 다시 세어 보니 같거나 많다면 reason을 recount로 보내세요. ` +
      `A damage adjustment must lower onHand below the current ${onHand}; for a count that is the same or higher, send reason "recount".`,
  );

export const lotEnded = () =>
  new Conflict(
    '판매를 종료한 로트라 보유 수량을 조정할 수 없습니다. 남은 예약 상자는 주문이 확정되거나 취소될 때 정리됩니다. ' +
      'This lot was ended early, so its on-hand count can no longer be adjusted; boxes still held are settled when their orders are confirmed or released.',
    'lot_ended',
  );
