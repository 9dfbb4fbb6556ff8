import { Conflict, NotFound } from '@fruitables/kit';

// Domain errors with stable codes; the kit maps them to problem+json. Messages carry Korean
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
