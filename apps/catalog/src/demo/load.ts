import type { DomainContext } from '../domain/context.ts';
import { createLot } from '../domain/lots.ts';
import { createOffer } from '../domain/offers.ts';
import { createProduct } from '../domain/products.ts';
import { seoulToday, stockOfOffers } from '../domain/stock-state.ts';
import type { PhotoServices } from '../photos/upload-photo.ts';
import { findOfferId, findProductId, lotCodeExists } from './find.ts';
import { illustrateDemoProducts } from './illustrate.ts';
import type { DemoFarm, DemoLot, DemoOffer } from './types.ts';
import { writeDemoFarms } from './write-farms.ts';

export interface DemoLoadResult {
  farms: number;
  products: number;
  offers: number;
  lots: number;
  /** Drawn pictures added to products that had no photo. */
  photos: number;
}

/** The photo pipeline, for the demo's drawn pictures; without it the demo has no pictures. */
export type DemoPictures = PhotoServices & Pick<DomainContext, 'logger'>;

type SeedContext = Pick<DomainContext, 'db' | 'clock' | 'stock'>;

interface PlacedOffer {
  farm: DemoFarm;
  productCode: string;
  offerId: string;
  spec: DemoOffer;
}

const GRADE_CODES = { 특: 'T', 상: 'S', 보통: 'B', 못난이: 'U' } as const;

/** The Seoul calendar day `days` before `today` (YYYY-MM-DD). */
function daysBefore(today: string, days: number): string {
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - days);
  return day.toISOString().slice(0, 10);
}

/** e.g. `CJ-FUJI-T50-261118`: farm, product, grade and pack, harvest day — unique per farm. */
function lotCodeOf(placed: PlacedOffer, harvestedOn: string): string {
  const pack = Math.round(placed.spec.packKg * 10);
  const day = harvestedOn.slice(2).replaceAll('-', '');
  return `${placed.farm.code}-${placed.productCode}-${GRADE_CODES[placed.spec.grade]}${pack}-${day}`;
}

/** Creates the farm's products and offers that do not exist yet, through the domain (events included). */
async function placeOffers(ctx: SeedContext, farm: DemoFarm, created: DemoLoadResult): Promise<PlacedOffer[]> {
  const placed: PlacedOffer[] = [];
  for (const product of farm.products) {
    const { offers: offerSpecs, code, ...input } = product;
    let productId = await findProductId(ctx.db, farm.id, product.fruit, product.variety);
    if (productId === undefined) {
      productId = (await createProduct(ctx, farm.id, { ...input, published: true })).id;
      created.products += 1;
    }
    for (const spec of offerSpecs) {
      let offerId = await findOfferId(ctx.db, productId, spec.grade, spec.packKg);
      if (offerId === undefined) {
        const { grade, packKg, countPerBox, priceKrw, perOrderLimit } = spec;
        const input = { grade, packKg, countPerBox, priceKrw, perOrderLimit, published: true };
        offerId = (await createOffer(ctx, farm.id, productId, input)).id;
        created.offers += 1;
      }
      placed.push({ farm, productCode: code, offerId, spec });
    }
  }
  return placed;
}

async function harvest(ctx: SeedContext, placed: PlacedOffer, lot: DemoLot, today: string): Promise<boolean> {
  const harvestedOn = daysBefore(today, lot.daysAgo);
  const lotCode = lotCodeOf(placed, harvestedOn);
  if (await lotCodeExists(ctx.db, placed.farm.id, lotCode)) return false;
  await createLot(ctx, placed.farm.id, placed.offerId, {
    lotCode,
    harvestedOn,
    boxesHarvested: lot.boxes,
    brix: lot.brix,
    note: lot.note ?? '',
  });
  return true;
}

/**
 * Loads the demo catalog; safe on every `./fruitables up`. Farms are keyed by fixed ids,
 * products, offers and lots by their natural keys, so a re-run finds everything and writes
 * nothing. Lots are dated relative to today; an offer still selling an earlier run's lots
 * gets no new ones, and only an offer left with nothing sellable (its lots aged out or sold)
 * is restocked with today's harvests, so the demo never goes stale and never piles up.
 * With `pictures`, every product without a photo gets a drawn one (illustrate.ts).
 */
export async function loadDemoCatalog(
  ctx: SeedContext,
  demo: readonly DemoFarm[],
  pictures?: DemoPictures,
): Promise<DemoLoadResult> {
  const now = ctx.clock.now();
  const created: DemoLoadResult = { farms: 0, products: 0, offers: 0, lots: 0, photos: 0 };
  created.farms = await writeDemoFarms(ctx.db, demo, now);
  const placed: PlacedOffer[] = [];
  for (const farm of demo) placed.push(...(await placeOffers(ctx, farm, created)));

  const today = seoulToday(now);
  const stock = await stockOfOffers(
    ctx.db,
    placed.map((offer) => offer.offerId),
    today,
    ctx.stock,
  );
  for (const offer of placed) {
    if ((stock.get(offer.offerId)?.available ?? 0) > 0) continue;
    for (const lot of offer.spec.lots) {
      if (await harvest(ctx, offer, lot, today)) created.lots += 1;
    }
  }
  if (pictures) created.photos = await illustrateDemoProducts({ ...ctx, ...pictures }, demo);
  return created;
}
