import type { Farm, Product, StockState } from '../catalog/schemas.ts';
import { formatBox, gradeLabels, productName } from '../format/korean.ts';
import { paths } from './paths.ts';
import { absoluteUrl, type ShopConfig } from './render-context.ts';

const availability: Record<StockState, string> = {
  in_stock: 'https://schema.org/InStock',
  low: 'https://schema.org/LimitedAvailability',
  sold_out: 'https://schema.org/SoldOut',
};

/** schema.org Product with one Offer per grade and pack, for search engines' rich results. */
export function productJsonLd(product: Product, farm: Farm | undefined, config: ShopConfig): Record<string, unknown> {
  const url = absoluteUrl(config, paths.product(product.id));
  const images = product.photos.flatMap((photo) => {
    const widest = [...photo.variants].sort((a, b) => b.width - a.width)[0];
    return widest ? [absoluteUrl(config, widest.url)] : [];
  });
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    '@id': `${url}#product`,
    name: productName(product),
    description: product.description || `${productName(product)}, 산지 직송`,
    category: product.fruit,
    url,
    sku: product.id,
    ...(images.length > 0 ? { image: images } : {}),
    ...(farm ? { brand: { '@type': 'Brand', name: farm.name } } : {}),
    offers: product.offers.map((offer) => ({
      '@type': 'Offer',
      sku: offer.id,
      name: `${gradeLabels[offer.grade]} ${formatBox(offer.packKg, offer.countPerBox)}`,
      price: offer.priceKrw,
      priceCurrency: 'KRW',
      availability: availability[offer.stockState],
      itemCondition: 'https://schema.org/NewCondition',
      url,
      ...(farm ? { seller: { '@type': 'Organization', name: farm.name } } : {}),
    })),
  };
}
