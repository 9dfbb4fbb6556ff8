import { defineEvent } from '@fruitables/bus';
import { certificationKinds, grades, stockStates } from '@fruitables/schema-catalog/values';
import { z } from 'zod';

// What catalog tells the platform: what is for sale, at what price, and whether a shopper
// can still buy it. The storefront rebuilder re-renders pages from these, so every event
// names the farm and product it touches, and stock is announced only as a shopper-visible
// state (in_stock / low / sold_out), never box by box.

const timestamp = z.iso.datetime({ offset: true });
const grade = z.enum(grades);
const stockState = z.enum(stockStates);

export const productPublished = defineEvent({
  type: 'ProductPublished',
  version: 1,
  description:
    'A farm made a product (a fruit and variety it grows) visible to shoppers, either when creating it published or by publishing it later. The storefront builds the product page and adds it to the farm page.',
  data: z.object({
    productId: z.uuid(),
    farmId: z.uuid(),
    fruit: z.string().min(1),
    variety: z.string().min(1),
    publishedAt: timestamp,
  }),
});

export const farmUpdated = defineEvent({
  type: 'FarmUpdated',
  version: 1,
  description:
    'A farmer (or an admin) changed the farm profile shoppers see: name, region, story or certifications. Carries the whole public profile, so the storefront rebuilds the farm page and its product pages without asking catalog.',
  data: z.object({
    farmId: z.uuid(),
    name: z.string().min(1),
    regionSido: z.string(),
    regionSigungu: z.string(),
    story: z.string(),
    certifications: z.array(z.object({ kind: z.enum(certificationKinds), number: z.string().min(1) })),
    /** Which fields changed, so a consumer can skip work a change does not affect. */
    changed: z.array(z.enum(['name', 'region', 'story', 'certifications'])).min(1),
    updatedAt: timestamp,
  }),
});

export const productUpdated = defineEvent({
  type: 'ProductUpdated',
  version: 1,
  description:
    "A published product's shopper-visible details changed (variety name, description, season months, storage advice). Not sent for unpublished products: shoppers cannot see them. Carries the new values.",
  data: z.object({
    productId: z.uuid(),
    farmId: z.uuid(),
    fruit: z.string().min(1),
    variety: z.string().min(1),
    description: z.string(),
    seasonMonths: z.array(z.number().int().min(1).max(12)),
    storageAdvice: z.string(),
    updatedAt: timestamp,
  }),
});

export const productUnpublished = defineEvent({
  type: 'ProductUnpublished',
  version: 1,
  description:
    'A farm took a product off sale. The storefront removes its page and its offers from listings; orders refuses new checkouts of its offers (holds already refuse them).',
  data: z.object({
    productId: z.uuid(),
    farmId: z.uuid(),
    unpublishedAt: timestamp,
  }),
});

export const offerPriceChanged = defineEvent({
  type: 'OfferPriceChanged',
  version: 1,
  description:
    'The price of an offer (a product in one grade and pack) changed. Carries the old and new price in integer KRW so consumers never need to read catalog to show the change; orders price new checkouts with the new one.',
  data: z.object({
    offerId: z.uuid(),
    productId: z.uuid(),
    farmId: z.uuid(),
    previousPriceKrw: z.number().int().positive(),
    priceKrw: z.number().int().positive(),
    changedAt: timestamp,
  }),
});

export const offerUpdated = defineEvent({
  type: 'OfferUpdated',
  version: 1,
  description:
    'An offer shoppers can see (or could see until now) changed apart from its price: it was created or published, taken off sale, or its grade, pack, count per box or per-order limit changed. Carries the offer as it is now; a price change alone is OfferPriceChanged.',
  data: z.object({
    offerId: z.uuid(),
    productId: z.uuid(),
    farmId: z.uuid(),
    grade,
    packKg: z.number().positive(),
    countPerBox: z.number().int().positive().nullable(),
    perOrderLimit: z.number().int().positive().nullable(),
    priceKrw: z.number().int().positive(),
    published: z.boolean(),
    updatedAt: timestamp,
  }),
});

export const harvestBatchPublished = defineEvent({
  type: 'HarvestBatchPublished',
  version: 1,
  description:
    'A farm published one or more harvest lots (boxes of one offer picked on one day). Carries each lot with its harvest date and sugar content (Brix) so the storefront can show freshness without asking catalog.',
  data: z.object({
    farmId: z.uuid(),
    lots: z
      .array(
        z.object({
          lotId: z.uuid(),
          lotCode: z.string().min(1),
          offerId: z.uuid(),
          productId: z.uuid(),
          grade,
          harvestedOn: z.iso.date(),
          boxes: z.number().int().positive(),
          brix: z.number().nullable(),
        }),
      )
      .min(1),
    publishedAt: timestamp,
  }),
});

export const stockLevelChanged = defineEvent({
  type: 'StockLevelChanged',
  version: 1,
  description:
    'An offer crossed a stock threshold a shopper can see: in_stock, low (at most 5 boxes, or at most 10% of the boxes harvested in its sellable lots) or sold_out, in either direction. Published only on a crossing, never per box, so pages are rebuilt only when what a shopper sees changes.',
  data: z.object({
    offerId: z.uuid(),
    productId: z.uuid(),
    farmId: z.uuid(),
    previousState: stockState,
    state: stockState,
    changedAt: timestamp,
  }),
});

export const lotEnded = defineEvent({
  type: 'LotEnded',
  version: 1,
  description:
    'A farmer ended a lot early (damage, a bad batch, sold elsewhere): its free boxes left sale and it is never allocated again; boxes already held for checkouts still ship. Sent even when the offer crosses no stock threshold, because the lot may have been the one its product page shows as freshest.',
  data: z.object({
    lotId: z.uuid(),
    lotCode: z.string().min(1),
    offerId: z.uuid(),
    productId: z.uuid(),
    farmId: z.uuid(),
    endedAt: timestamp,
  }),
});

export const reservationExpired = defineEvent({
  type: 'ReservationExpired',
  version: 1,
  description:
    'A stock hold made for a checkout reached its time limit unconfirmed, so its boxes went back on sale (or, from a lot ended early, left it). orders cancels the unpaid order that held them; each line names the lot the boxes came from.',
  data: z.object({
    holdId: z.uuid(),
    lines: z.array(z.object({ offerId: z.uuid(), lotId: z.uuid(), quantity: z.number().int().positive() })).min(1),
    expiredAt: timestamp,
  }),
});

export const catalogEvents = [
  farmUpdated,
  productPublished,
  productUpdated,
  productUnpublished,
  offerPriceChanged,
  offerUpdated,
  harvestBatchPublished,
  stockLevelChanged,
  lotEnded,
  reservationExpired,
] as const;
