/** @jsxImportSource hono/jsx */
import type { Farm, Offer, Photo, Product, StockState } from '../catalog/schemas.ts';
import { formatKrw, formatMonthDay, productName, stockLabels } from '../format/korean.ts';
import { paths } from '../site/paths.ts';
import { freshestHarvest, lowestPrice } from '../site/site-data.ts';

export function StockBadge({ state }: { state: StockState }) {
  return <span class={`badge badge-${state}`}>{stockLabels[state]}</span>;
}

export function Breadcrumbs({ items }: { items: { href?: string; label: string }[] }) {
  return (
    <nav class="breadcrumbs" aria-label="현재 위치">
      <ol>
        {items.map((item) =>
          item.href ? (
            <li>
              <a href={item.href}>{item.label}</a>
            </li>
          ) : (
            <li aria-current="page">{item.label}</li>
          ),
        )}
      </ol>
    </nav>
  );
}

/** A product in a list: name, farm and region, price from, freshness and whether it can be bought. */
export function ProductCard({ product, farm }: { product: Product; farm: Farm | undefined }) {
  const price = lowestPrice(product);
  const fresh = freshestHarvest(product);
  const buyable = product.offers.some((offer) => offer.stockState !== 'sold_out');
  return (
    <li class="card" data-product={product.id}>
      <a class="card-link" href={paths.product(product.id)}>
        <strong>{productName(product)}</strong>
        {farm ? (
          <span class="muted">
            {farm.name} · {farm.regionSido} {farm.regionSigungu}
          </span>
        ) : null}
        {price === null ? null : <span class="price">{formatKrw(price)}부터</span>}
        {fresh ? (
          <span class="muted">
            {formatMonthDay(fresh.harvestedOn)} 수확{fresh.brix === null ? '' : ` · 당도 ${fresh.brix}Brix`}
          </span>
        ) : null}
        {buyable ? null : <StockBadge state="sold_out" />}
      </a>
    </li>
  );
}

/** The narrowest rendition at least this wide, else the widest: what `src` falls back to. */
function fallbackVariant(photo: Photo, width: number) {
  const sorted = [...photo.variants].sort((a, b) => a.width - b.width);
  return sorted.find((variant) => variant.width >= width) ?? sorted.at(-1);
}

/**
 * A catalog photo as a responsive WebP image. width/height are the photo's own, so the
 * browser reserves the space before it loads (no layout shift).
 */
export function ResponsivePhoto({ photo, eager, sizes }: { photo: Photo; eager?: boolean; sizes: string }) {
  const fallback = fallbackVariant(photo, 640);
  if (!fallback) return null;
  const srcset = photo.variants.map((variant) => `${variant.url} ${variant.width}w`).join(', ');
  return (
    <img
      src={fallback.url}
      srcset={srcset}
      sizes={sizes}
      width={fallback.width}
      height={fallback.height}
      alt={photo.alt}
      loading={eager ? 'eager' : 'lazy'}
      decoding="async"
      {...(eager ? { fetchpriority: 'high' } : {})}
    />
  );
}

export function Photos({ photos, label }: { photos: Photo[]; label: string }) {
  if (photos.length === 0) return null;
  return (
    <section class="photos" aria-label={label}>
      {photos.slice(0, 6).map((photo, index) => (
        <ResponsivePhoto
          photo={photo}
          eager={index === 0}
          sizes={index === 0 ? '(min-width: 48rem) 48rem, 100vw' : '(min-width: 48rem) 24rem, 100vw'}
        />
      ))}
    </section>
  );
}

export const lotFacts = (offer: Offer) =>
  offer.freshestLot
    ? `${formatMonthDay(offer.freshestLot.harvestedOn)} 수확${offer.freshestLot.brix === null ? '' : ` · 당도 ${offer.freshestLot.brix}Brix`}`
    : '수확 예정';
