import { z } from 'zod';

// catalog's public read API as its OpenAPI document describes it (GET /v1/products,
// /v1/products/{id}, /v1/farms/{id}, /v1/farms/{id}/lots/{lotCode}). Parsed, not trusted:
// the storefront is another service and must fail loudly on a shape it does not know
// rather than render "undefined원". Unknown fields are dropped, so catalog may add some.

export const grades = ['특', '상', '보통', '못난이'] as const;
export type Grade = (typeof grades)[number];
export const stockStates = ['in_stock', 'low', 'sold_out'] as const;
export type StockState = (typeof stockStates)[number];
export const certificationKinds = ['GAP', '무농약', '유기농'] as const;
export type CertificationKind = (typeof certificationKinds)[number];

const photoSchema = z.object({
  id: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  alt: z.string(),
  variants: z.array(
    z.object({ width: z.number().int().positive(), height: z.number().int().positive(), url: z.string() }),
  ),
});
export type Photo = z.infer<typeof photoSchema>;

/** Photos arrive on the single product and farm reads; lists and older catalogs have none. */
const photos = z.array(photoSchema).default([]);

export const offerSchema = z.object({
  id: z.string(),
  grade: z.enum(grades),
  packKg: z.number(),
  countPerBox: z.number().int().nullable(),
  priceKrw: z.number().int(),
  perOrderLimit: z.number().int().nullable(),
  stockState: z.enum(stockStates),
  freshestLot: z.object({ lotCode: z.string(), harvestedOn: z.string(), brix: z.number().nullable() }).nullable(),
});
export type Offer = z.infer<typeof offerSchema>;

export const productSchema = z.object({
  id: z.string(),
  farmId: z.string(),
  fruit: z.string(),
  variety: z.string(),
  description: z.string(),
  seasonMonths: z.array(z.number().int()),
  storageAdvice: z.string(),
  offers: z.array(offerSchema),
  photos,
});
export type Product = z.infer<typeof productSchema>;

export const productPageSchema = z.object({ items: z.array(productSchema), nextCursor: z.string().nullable() });

export const farmSchema = z.object({
  id: z.string(),
  name: z.string(),
  regionSido: z.string(),
  regionSigungu: z.string(),
  story: z.string(),
  certifications: z.array(z.object({ kind: z.enum(certificationKinds), number: z.string() })),
  photos,
});
export type Farm = z.infer<typeof farmSchema>;

export const lotTraceSchema = z.object({
  lotCode: z.string(),
  harvestedOn: z.string(),
  boxesHarvested: z.number().int(),
  brix: z.number().nullable(),
  note: z.string(),
  farm: z.object({ id: z.string(), name: z.string(), regionSido: z.string(), regionSigungu: z.string() }),
  offer: z.object({ id: z.string(), grade: z.enum(grades), packKg: z.number() }),
  product: z.object({ id: z.string(), fruit: z.string(), variety: z.string() }),
});
export type LotTrace = z.infer<typeof lotTraceSchema>;
