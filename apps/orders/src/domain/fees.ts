import type { FarmPromise } from '@fruitables/logistics/contract';

/**
 * One farm's delivery fee under logistics' rule: the base fee unless the farm's goods reach
 * `freeFrom`, plus the 제주·도서산간 surcharge always. Applied per fulfilment.
 */
export function deliveryFeeOf(goodsTotal: number, fee: FarmPromise['fee']): number {
  const base = fee.freeFrom !== null && goodsTotal >= fee.freeFrom ? 0 : fee.baseFee;
  return base + fee.surcharge;
}
