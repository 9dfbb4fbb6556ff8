import { describe, expect, it } from 'vitest';
import { type CartView, readCartView } from '../answers/orders.ts';
import { checkoutBlocker, farmGroups, localView, priceChangeText, withQuantities } from './cart-model.ts';

const FARM_A = '0193a0c4-5b1e-7c3a-9f00-00000000000a';
const FARM_B = '0193a0c4-5b1e-7c3a-9f00-00000000000b';

const promise = (farmId: string, freeFrom: number | null) => ({
  farmId,
  area: 'dawn',
  deliverable: true,
  reason: null,
  orderBy: '2026-12-08T14:00:00.000Z',
  earliest: null,
  headline: '밤 11시까지 주문하면 목요일 새벽 7시 전 도착',
  dates: [],
  fee: { baseFee: 3_000, freeFrom, surcharge: 0 },
});

// A CartView as orders answers it: two farms, a changed price on one line.
const answer = {
  items: [
    {
      offerId: 'offer-1',
      productId: 'p1',
      farmId: FARM_A,
      farmName: '햇살농원',
      title: '부사 사과',
      grade: '특',
      packKg: 5,
      quantity: 2,
      unitPrice: 13_000,
      addedUnitPrice: 12_000,
      priceChanged: true,
      stockState: 'in_stock',
      perOrderLimit: 5,
      lineTotal: 26_000,
      productUrl: '/products/p1/',
    },
    {
      offerId: 'offer-2',
      productId: 'p2',
      farmId: FARM_B,
      farmName: '제주감귤농장',
      title: '한라봉',
      grade: '상',
      packKg: 3,
      quantity: 1,
      unitPrice: 20_000,
      addedUnitPrice: 20_000,
      priceChanged: false,
      stockState: 'sold_out',
      perOrderLimit: null,
      lineTotal: 20_000,
      productUrl: '/products/p2/',
    },
  ],
  farms: [
    { farmId: FARM_A, farmName: '햇살농원', goodsTotal: 26_000, deliveryFee: 3_000, promise: promise(FARM_A, 30_000) },
    { farmId: FARM_B, farmName: '제주감귤농장', goodsTotal: 20_000, deliveryFee: 3_000, promise: null },
  ],
  goodsTotal: 46_000,
  deliveryTotal: 6_000,
  total: 52_000,
  problems: [],
};

const view = (): CartView => {
  const parsed = readCartView(answer);
  if (!parsed) throw new Error('the example cart did not parse');
  return parsed;
};

describe('the cart page model', () => {
  it('groups lines by farm in the order orders listed the farms', () => {
    const groups = farmGroups(view());
    expect(groups.map((group) => group.farm.farmName)).toEqual(['햇살농원', '제주감귤농장']);
    expect(groups[0]?.items.map((item) => item.offerId)).toEqual(['offer-1']);
    expect(groups[0]?.farm.promise?.headline).toBe('밤 11시까지 주문하면 목요일 새벽 7시 전 도착');
  });

  it('flags a price that changed since the box was added, in Korean', () => {
    const [changed, same] = view().items;
    expect(changed && priceChangeText(changed)).toBe('가격이 바뀌었어요: 12,000원 → 13,000원');
    expect(same && priceChangeText(same)).toBeNull();
  });

  it('applies a changed quantity at once, with the farm fee rule (free from 30,000원)', () => {
    const next = withQuantities(view(), new Map([['offer-1', 3]]));
    expect(next.items).toHaveLength(1);
    expect(next.items[0]?.lineTotal).toBe(39_000);
    expect(next.farms[0]).toMatchObject({ goodsTotal: 39_000, deliveryFee: 0 });
    expect(next.farms[1]).toMatchObject({ goodsTotal: 0, deliveryFee: 0 });
    expect(next.total).toBe(39_000);
  });

  it('will not go to checkout with a sold-out line or an empty cart', () => {
    expect(checkoutBlocker(view())).toBe('품절된 상품을 빼야 주문할 수 있어요.');
    expect(checkoutBlocker(withQuantities(view(), new Map([['offer-1', 1]])))).toBeNull();
    expect(checkoutBlocker(localView([]))).toBe('장바구니가 비어 있어요.');
  });

  it('shows the browser lines alone when orders cannot be reached', () => {
    const local = localView([
      {
        offerId: 'o',
        productId: 'p',
        name: '부사 사과',
        grade: '특품',
        box: '5kg',
        priceKrw: 39_000,
        quantity: 2,
        perOrderLimit: null,
        url: '/products/p/',
      },
    ]);
    expect(local.total).toBe(78_000);
    expect(local.farms).toEqual([]);
  });
});

describe('reading a cart answer', () => {
  it('refuses what is not a cart, and takes a cart as orders sent it', () => {
    expect(readCartView(null)).toBeNull();
    expect(readCartView('<html>')).toBeNull();
    expect(readCartView({ items: 'nope', farms: [], problems: [], total: 0 })).toBeNull();
    expect(readCartView(answer)).toBe(answer);
  });

  it('gathers an offer no longer sold (orders answers it with nulls) under a heading of its own', () => {
    const gone = {
      ...answer.items[0],
      offerId: 'offer-gone',
      productId: null,
      farmId: null,
      farmName: null,
      title: null,
      grade: null,
      packKg: null,
      unitPrice: null,
      stockState: 'sold_out',
      lineTotal: 0,
      productUrl: null,
    };
    const cart = readCartView({ ...answer, items: [...answer.items, gone] });
    if (!cart) throw new Error('the example cart did not parse');
    const groups = farmGroups(cart);
    expect(groups.map((group) => group.farm.farmName)).toEqual(['햇살농원', '제주감귤농장', '판매가 끝난 상품']);
    expect(priceChangeText({ addedUnitPrice: 12_000, unitPrice: null })).toBeNull();
    expect(checkoutBlocker(cart)).toBe('품절된 상품을 빼야 주문할 수 있어요.');
  });
});
