import { z } from '@hono/zod-openapi';
import { LOT_ID, OFFER_ID, PRODUCT_ID } from './examples.ts';
import { photoSchema } from './photos.ts';
import { grades, stockStates } from './values.ts';

/** One lot as the farmer's inventory and the lot adjustment routes answer it. */
export const inventoryLotSchema = z
  .object({
    id: z.uuid().openapi({ example: LOT_ID }),
    lotCode: z.string().openapi({ example: 'CJ-2611-001' }),
    harvestedOn: z.iso.date().openapi({ example: '2026-11-12' }),
    boxesHarvested: z.number().int().openapi({ example: 40 }),
    brix: z.number().nullable().openapi({ example: 15.2 }),
    onHand: z.number().int().openapi({ example: 31 }),
    reserved: z.number().int().openapi({ example: 2 }),
    sold: z.number().int().openapi({ example: 9 }),
    withinMaxAge: z.boolean().openapi({ example: true, description: 'false once the lot is too old to sell' }),
    lastSellableOn: z.iso.date().openapi({ example: '2027-01-10' }),
    endedAt: z.iso.datetime().nullable().openapi({
      example: null,
      description: 'When the farmer ended the lot early; an ended lot never sells again (null while it may)',
    }),
    photos: z.array(photoSchema).openapi({ description: "The lot's photos, oldest first" }),
  })
  .openapi('InventoryLot');
export type InventoryLot = z.infer<typeof inventoryLotSchema>;

export const inventoryOfferSchema = z.object({
  id: z.uuid().openapi({ example: OFFER_ID }),
  grade: z.enum(grades).openapi({ example: '특' }),
  packKg: z.number().openapi({ example: 5 }),
  countPerBox: z.number().int().nullable().openapi({ example: 16 }),
  priceKrw: z.number().int().openapi({ example: 39000 }),
  perOrderLimit: z.number().int().nullable(),
  published: z.boolean(),
  stockState: z.enum(stockStates).openapi({ example: 'in_stock' }),
  lots: z.array(inventoryLotSchema),
});
export type InventoryOffer = z.infer<typeof inventoryOfferSchema>;

export const inventoryProductSchema = z.object({
  id: z.uuid().openapi({ example: PRODUCT_ID }),
  fruit: z.string().openapi({ example: '사과' }),
  variety: z.string().openapi({ example: '부사' }),
  published: z.boolean(),
  offers: z.array(inventoryOfferSchema),
});
export type InventoryProduct = z.infer<typeof inventoryProductSchema>;

/** GET /v1/farms/{farmId}/inventory: everything a farm sells, published or not, with its stock. */
export const inventorySchema = z.object({ products: z.array(inventoryProductSchema) }).openapi('FarmInventory');
export type Inventory = z.infer<typeof inventorySchema>;
