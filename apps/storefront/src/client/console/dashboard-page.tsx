/** @jsxImportSource hono/jsx/dom */
import {
  available,
  daysUntil,
  type InventoryOffer,
  type InventoryProduct,
  lotRows,
  offerName,
  useInventory,
} from './inventory.ts';
import { Loading, Notice, shortDate } from './ui.tsx';

// Lots this close to their last day on sale are worth selling as 못난이 or at a discount.
const AGING_WITHIN_DAYS = 3;

interface OfferLine {
  product: InventoryProduct;
  offer: InventoryOffer;
  sold: number;
  available: number;
}

/** What sells, what runs low, and which lots are about to age out: the farmer's morning check. */
export function DashboardPage(props: { farmId: string }) {
  const { inventory, error } = useInventory(props.farmId);
  if (error) return <Notice kind="error">{error}</Notice>;
  if (!inventory) return <Loading />;

  const offers: OfferLine[] = inventory.products.flatMap((product) =>
    product.offers.map((offer) => ({
      product,
      offer,
      sold: offer.lots.reduce((sum, lot) => sum + lot.sold, 0),
      available: offer.lots.reduce((sum, lot) => sum + available(lot), 0),
    })),
  );
  const selling = offers
    .filter((line) => line.sold > 0)
    .sort((a, b) => b.sold - a.sold)
    .slice(0, 5);
  const low = offers.filter((line) => line.offer.published && line.offer.stockState !== 'in_stock');
  const aging = lotRows(inventory)
    .filter(({ lot }) => available(lot) > 0 && daysUntil(lot.lastSellableOn) <= AGING_WITHIN_DAYS)
    .sort((a, b) => a.lot.lastSellableOn.localeCompare(b.lot.lastSellableOn));

  if (offers.length === 0) {
    return (
      <Notice kind="info">
        아직 올린 상품이 없어요. <a href="/farmer/batches/">수확 등록</a>에서 엑셀 파일로 한 번에 올려 보세요.
      </Notice>
    );
  }
  return (
    <div class="cards">
      <section class="panel" data-dashboard="selling" aria-labelledby="selling-title">
        <h2 id="selling-title">잘 팔리는 상품</h2>
        {selling.length === 0 ? (
          <p class="muted">아직 팔린 상자가 없어요.</p>
        ) : (
          <ol>
            {selling.map((line) => (
              <li>
                {offerName(line.product, line.offer)} · <strong>{line.sold}</strong>상자 팔림
              </li>
            ))}
          </ol>
        )}
      </section>
      <section class="panel" data-dashboard="low" aria-labelledby="low-title">
        <h2 id="low-title">재고가 적은 상품</h2>
        {low.length === 0 ? (
          <p class="muted">모든 상품의 재고가 넉넉해요.</p>
        ) : (
          <ul>
            {low.map((line) => (
              <li>
                {offerName(line.product, line.offer)} ·{' '}
                {line.offer.stockState === 'sold_out' ? (
                  <strong class="warn">품절</strong>
                ) : (
                  <strong class="warn">{line.available}상자 남음</strong>
                )}
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href="/farmer/batches/">수확 등록</a>으로 새 로트를 올리면 다시 팔려요.
        </p>
      </section>
      <section class="panel" data-dashboard="aging" aria-labelledby="aging-title">
        <h2 id="aging-title">판매 기한이 다가오는 로트</h2>
        {aging.length === 0 ? (
          <p class="muted">{AGING_WITHIN_DAYS}일 안에 기한이 끝나는 로트는 없어요.</p>
        ) : (
          <>
            <ul>
              {aging.map(({ lot, offer, product }) => (
                <li>
                  {lot.lotCode} · {offerName(product, offer)} · {available(lot)}상자 · {shortDate(lot.lastSellableOn)}
                  까지
                </li>
              ))}
            </ul>
            <p>
              기한 전에 <a href="/farmer/offers/">가격을 내리거나</a> 못난이 등급으로 올려 팔아 보세요.
            </p>
          </>
        )}
      </section>
    </div>
  );
}
