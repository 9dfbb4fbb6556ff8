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

/**
 * The cards a phone (360×640) shows without scrolling at the top of a list: under the home
 * page's heading and promise, or a listing's heading and folded filters. Their photos load
 * at once; every later card's only as it nears the screen.
 */
export const CARDS_ABOVE_THE_FOLD = 2;

/** The widest rendition a card thumbnail (6rem) needs, even on a 4× screen. */
const THUMBNAIL_MAX_WIDTH = 640;

/**
 * A product's cover photo (its first) as a list card's thumbnail. Decorative (`alt=""`): the
 * product's name is the link's text right beside it. Only the small renditions are offered,
 * so the srcset adds little to the page; width/height are the chosen rendition's, and the
 * CSS fixes the box at 4:3, so nothing moves when it arrives.
 */
export function CardPhoto({ photo, eager }: { photo: Photo | undefined; eager: boolean }) {
  if (!photo) return null;
  const small = [...photo.variants]
    .sort((a, b) => a.width - b.width)
    .filter((variant, index) => index === 0 || variant.width <= THUMBNAIL_MAX_WIDTH);
  const fallback = small[0];
  if (!fallback) return null;
  return (
    <img
      class="card-photo"
      src={fallback.url}
      srcset={small.map((variant) => `${variant.url} ${variant.width}w`).join(', ')}
      sizes="6rem"
      width={fallback.width}
      height={fallback.height}
      alt=""
      loading={eager ? 'eager' : 'lazy'}
      decoding="async"
    />
  );
}

/**
 * A product in a list: its cover photo, name, farm and region, price from, freshness and
 * whether it can be bought. `eager` for the first cards of a page, which a phone shows
 * without scrolling; every other card's photo loads only as it nears the screen.
 */
export function ProductCard({
  product,
  farm,
  eager = false,
}: {
  product: Product;
  farm: Farm | undefined;
  eager?: boolean;
}) {
  const price = lowestPrice(product);
  const fresh = freshestHarvest(product);
  const buyable = product.offers.some((offer) => offer.stockState !== 'sold_out');
  const cover = product.photos[0];
  return (
    <li class="card" data-product={product.id}>
      <a class={cover ? 'card-link card-link-photo' : 'card-link'} href={paths.product(product.id)}>
        <CardPhoto photo={cover} eager={eager} />
        <span class="card-text">
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
        </span>
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
