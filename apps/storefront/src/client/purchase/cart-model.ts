import type { CartFarm, CartItem, CartView } from '../answers/orders.ts';
import type { CartLine } from '../cart-store.ts';
import { formatKrw } from '../config.ts';

/** One farm's part of the cart, as the page groups it: its lines, subtotal, fee and promise. */
export interface FarmGroup {
  farm: CartFarm;
  items: CartItem[];
}

/**
 * Items by farm, in the order the server listed the farms; a farm it did not list still shows.
 * An offer no longer sold has no farm (orders answers nulls and an `offer_unavailable` problem):
 * those lines gather under a heading of their own, to be taken out.
 */
export function farmGroups(view: CartView): FarmGroup[] {
  const groups = new Map<string, FarmGroup>();
  for (const farm of view.farms) groups.set(farm.farmId, { farm, items: [] });
  for (const item of view.items) {
    const farmId = item.farmId ?? '';
    const group = groups.get(farmId) ?? {
      farm: { farmId, farmName: item.farmName ?? '판매가 끝난 상품', goodsTotal: 0, deliveryFee: 0, promise: null },
      items: [],
    };
    groups.set(farmId, group);
    group.items.push(item);
  }
  return [...groups.values()].filter((group) => group.items.length > 0);
}

/** "가격이 바뀌었어요: 12,000원 → 13,000원", or null when the price is the one the shopper saw. */
export function priceChangeText(item: Pick<CartItem, 'addedUnitPrice' | 'unitPrice'>): string | null {
  if (item.addedUnitPrice === null || item.unitPrice === null || item.addedUnitPrice === item.unitPrice) return null;
  return `가격이 바뀌었어요: ${formatKrw(item.addedUnitPrice)} → ${formatKrw(item.unitPrice)}`;
}

/** The fee a farm's rule gives for its goods, used while a changed quantity is being repriced. */
function feeFor(farm: CartFarm, goods: number): number {
  const rule = farm.promise?.fee;
  if (!rule) return farm.deliveryFee;
  const base = rule.freeFrom !== null && goods >= rule.freeFrom ? 0 : rule.baseFee;
  return base + rule.surcharge;
}

/**
 * The last priced view with the browser's quantities applied at once, so + and − answer on
 * the press; the server's own answer replaces it a moment later.
 */
export function withQuantities(view: CartView, quantities: Map<string, number>): CartView {
  const items = view.items.flatMap((item) => {
    const quantity = quantities.get(item.offerId);
    if (quantity === undefined) return [];
    return [{ ...item, quantity, lineTotal: (item.unitPrice ?? 0) * quantity }];
  });
  const farms = view.farms.map((farm) => {
    const goodsTotal = items.filter((item) => item.farmId === farm.farmId).reduce((s, i) => s + i.lineTotal, 0);
    return { ...farm, goodsTotal, deliveryFee: goodsTotal === 0 ? 0 : feeFor(farm, goodsTotal) };
  });
  const goodsTotal = farms.reduce((sum, farm) => sum + farm.goodsTotal, 0);
  const deliveryTotal = farms.reduce((sum, farm) => sum + farm.deliveryFee, 0);
  return { ...view, items, farms, goodsTotal, deliveryTotal, total: goodsTotal + deliveryTotal };
}

/**
 * A view from the browser's lines alone, for a guest while orders cannot be reached: the
 * prices the shopper saw, no fees or promises (the page says they are not known yet).
 */
export function localView(lines: CartLine[]): CartView {
  const items: CartItem[] = lines.map((line) => ({
    offerId: line.offerId,
    productId: line.productId,
    farmId: '',
    farmName: '',
    title: line.name,
    // The product page stored catalog's own grade word, so it is one of catalog's grades.
    grade: line.grade as CartItem['grade'],
    packKg: 0,
    quantity: line.quantity,
    unitPrice: line.priceKrw,
    addedUnitPrice: line.priceKrw,
    priceChanged: false,
    stockState: 'in_stock',
    perOrderLimit: line.perOrderLimit,
    lineTotal: line.priceKrw * line.quantity,
    productUrl: line.url,
  }));
  const goodsTotal = items.reduce((sum, item) => sum + item.lineTotal, 0);
  return { items, farms: [], goodsTotal, deliveryTotal: 0, total: goodsTotal, problems: [] };
}

/** Whether the cart can go to checkout, and if not, why (in Korean). */
export function checkoutBlocker(view: CartView): string | null {
  if (view.items.length === 0) return '장바구니가 비어 있어요.';
  if (view.items.some((item) => item.stockState === 'sold_out')) return '품절된 상품을 빼야 주문할 수 있어요.';
  return null;
}
