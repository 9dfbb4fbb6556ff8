/** @jsxImportSource hono/jsx */
import type { Farm, Offer, Product } from '../catalog/schemas.ts';
import { formatBox, formatKrw, gradeLabels, gradeOrder, productName } from '../format/korean.ts';
import { productJsonLd } from '../site/json-ld.ts';
import { paths } from '../site/paths.ts';
import type { RenderContext } from '../site/render-context.ts';
import { Breadcrumbs, lotFacts, Photos, StockBadge } from './components.tsx';
import { Layout } from './layout.tsx';

function perKg(offer: Offer): string {
  return `1kg당 ${formatKrw(Math.round(offer.priceKrw / offer.packKg / 10) * 10)}`;
}

/** What the cart island stores for a line (see client/cart-store.ts). */
function cartData(product: Product, offer: Offer): string {
  return JSON.stringify({
    offerId: offer.id,
    productId: product.id,
    name: productName(product),
    grade: gradeLabels[offer.grade],
    box: formatBox(offer.packKg, offer.countPerBox),
    priceKrw: offer.priceKrw,
    perOrderLimit: offer.perOrderLimit,
    url: paths.product(product.id),
  });
}

function OfferRow({ product, offer }: { product: Product; offer: Offer }) {
  const lot = offer.freshestLot;
  return (
    <tr>
      <th scope="row">
        {gradeLabels[offer.grade]}
        <br />
        <span class="muted">{formatBox(offer.packKg, offer.countPerBox)}</span>
      </th>
      <td>
        <span class="price">{formatKrw(offer.priceKrw)}</span>
        <br />
        <span class="muted">{perKg(offer)}</span>
        {offer.perOrderLimit === null ? null : (
          <>
            <br />
            <span class="muted">1인 {offer.perOrderLimit}상자까지</span>
          </>
        )}
      </td>
      <td>
        <StockBadge state={offer.stockState} />
        <br />
        {lot ? (
          <a href={paths.lot(product.farmId, lot.lotCode)} class="muted">
            {lotFacts(offer)}
          </a>
        ) : (
          <span class="muted">{lotFacts(offer)}</span>
        )}
      </td>
      <td>
        <button
          type="submit"
          name="add"
          value={offer.id}
          data-offer={cartData(product, offer)}
          disabled={offer.stockState === 'sold_out'}
          aria-label={`${gradeLabels[offer.grade]} ${formatBox(offer.packKg, offer.countPerBox)} 장바구니에 담기`}
        >
          담기
        </button>
      </td>
    </tr>
  );
}

export function ProductPage({
  context,
  product,
  farm,
}: {
  context: RenderContext;
  product: Product;
  farm: Farm | undefined;
}) {
  const name = productName(product);
  const offers = [...product.offers].sort(
    (a, b) => gradeOrder.indexOf(a.grade) - gradeOrder.indexOf(b.grade) || a.packKg - b.packKg,
  );
  const region = farm ? `${farm.regionSido} ${farm.regionSigungu}` : '';
  const description = product.description || `${farm?.name ?? '농장'}에서 바로 보내는 ${name}. ${region}`.trim();
  const cover = product.photos[0]?.variants.at(-1)?.url;
  return (
    <Layout
      context={context}
      title={farm ? `${name} · ${farm.name}` : name}
      description={description}
      path={paths.product(product.id)}
      script="product"
      ogType="product"
      {...(cover ? { ogImage: cover } : {})}
      jsonLd={productJsonLd(product, farm, context.config)}
      promiseFarmId={product.farmId}
    >
      <Breadcrumbs
        items={[
          { href: paths.home, label: '홈' },
          { href: paths.listing(product.fruit), label: product.fruit },
          { label: name },
        ]}
      />
      <h1>{name}</h1>
      {farm ? (
        <p>
          <a href={paths.farm(farm.id)}>{farm.name}</a> <span class="muted">· {region}</span>
          {farm.certifications.length > 0 ? (
            <span class="muted"> · {farm.certifications.map((c) => c.kind).join(', ')} 인증</span>
          ) : null}
        </p>
      ) : null}
      <Photos photos={product.photos} label={`${name} 사진`} />
      {product.description ? <p>{product.description}</p> : null}
      <form action={paths.cart} method="get" data-add-to-cart>
        <table class="offers">
          <caption>등급과 상자별 가격</caption>
          <thead>
            <tr>
              <th scope="col">등급 · 상자</th>
              <th scope="col">가격</th>
              <th scope="col">재고 · 수확</th>
              <th scope="col">
                <span class="skip">담기</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {offers.map((offer) => (
              <OfferRow product={product} offer={offer} />
            ))}
          </tbody>
        </table>
        <p role="status" data-cart-status class="muted" />
      </form>
      {offers.length === 0 ? <p>지금은 판매 중인 상자가 없어요. 다음 수확을 기다려 주세요.</p> : null}
      <h2>보관 방법</h2>
      <p>{product.storageAdvice || '받으신 뒤 서늘한 곳이나 냉장고에 보관해 주세요.'}</p>
      {product.seasonMonths.length > 0 ? (
        <p class="muted">제철: {product.seasonMonths.map((month) => `${month}월`).join(', ')}</p>
      ) : null}
      <h2>후기</h2>
      <p class="muted">아직 후기가 없어요. 받아 보신 뒤 첫 후기를 남겨 주세요.</p>
    </Layout>
  );
}
