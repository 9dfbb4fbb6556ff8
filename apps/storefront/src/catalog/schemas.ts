import {
  farmSchema as catalogFarmSchema,
  photoSchema as catalogPhotoSchema,
  lotTraceSchema,
  productListSchema,
  publicProductSchema,
} from '@fruitables/catalog/contract';
import { z } from 'zod';

// catalog's public reads, parsed with catalog's own contract: the storefront is another service
// and must fail loudly on a shape it does not know rather than render "undefined원". Unknown
// fields are dropped, so catalog may add some. Photos arrive on the single product and farm
// reads only, so lists (and older catalogs) default to none; a page renders only what it needs
// of a photo.

export {
  type CertificationKind,
  certificationKinds,
  type Grade,
  grades,
  type StockState,
  stockStates,
} from '@fruitables/catalog/contract';
export { lotTraceSchema };

const photoSchema = catalogPhotoSchema.pick({ id: true, width: true, height: true, alt: true, variants: true });
export type Photo = z.infer<typeof photoSchema>;
const photos = z.array(photoSchema).default([]);

export const offerSchema = publicProductSchema.shape.offers.element;
export type Offer = z.infer<typeof offerSchema>;

export const productSchema = publicProductSchema.extend({ photos });
export type Product = z.infer<typeof productSchema>;

export const productPageSchema = productListSchema.extend({ items: z.array(productSchema) });

export const farmSchema = catalogFarmSchema.extend({ photos });
export type Farm = z.infer<typeof farmSchema>;

export type LotTrace = z.infer<typeof lotTraceSchema>;
