/** @jsxImportSource hono/jsx/dom */
import { useInventory } from './inventory.ts';
import { OfferRow } from './offer-row.tsx';
import { Loading, Notice } from './ui.tsx';

/** Every offer of the farm by product; the ones running low first, so they are seen. */
export function OffersPage(props: { farmId: string }) {
  const { inventory, error, reload } = useInventory(props.farmId);
  if (error) return <Notice kind="error">{error}</Notice>;
  if (!inventory) return <Loading />;
  const rank = { sold_out: 0, low: 1, in_stock: 2 } as const;
  const offers = inventory.products
    .flatMap((product) => product.offers.map((offer) => ({ product, offer })))
    .sort((a, b) => rank[a.offer.stockState] - rank[b.offer.stockState]);
  if (offers.length === 0) {
    return (
      <Notice kind="info">
        아직 판매 옵션이 없어요. <a href="/farmer/batches/">수확 등록</a>에서 파일을 올리면 만들어져요.
      </Notice>
    );
  }
  return (
    <ul class="cards" data-offer-list>
      {offers.map(({ product, offer }) => (
        <OfferRow key={offer.id} farmId={props.farmId} product={product} offer={offer} onChanged={reload} />
      ))}
    </ul>
  );
}
