import { certificationKinds, grades } from '@fruitables/schema-catalog';
import { z } from '@hono/zod-openapi';
import { FARM_ID, OFFER_ID, PRODUCT_ID } from '../params.ts';

export const farmSchema = z
  .object({
    id: z.uuid().openapi({ example: FARM_ID }),
    name: z.string().openapi({ example: '햇살농원' }),
    regionSido: z.string().openapi({ example: '충청북도' }),
    regionSigungu: z.string().openapi({ example: '충주시' }),
    story: z.string().openapi({ example: '3대째 사과를 키우는 농장입니다.' }),
    certifications: z
      .array(z.object({ kind: z.enum(certificationKinds), number: z.string() }))
      .openapi({ example: [{ kind: 'GAP', number: 'GAP-2026-0001' }] }),
  })
  .openapi('Farm');

export const lotTraceSchema = z
  .object({
    lotCode: z.string().openapi({ example: 'CJ-2611-01' }),
    harvestedOn: z.iso.date().openapi({ example: '2026-11-12' }),
    boxesHarvested: z.number().int().openapi({ example: 120 }),
    brix: z.number().nullable().openapi({ example: 14.5 }),
    note: z.string().openapi({ example: '서리 맞기 전 수확' }),
    farm: z.object({
      id: z.uuid().openapi({ example: FARM_ID }),
      name: z.string().openapi({ example: '햇살농원' }),
      regionSido: z.string().openapi({ example: '충청북도' }),
      regionSigungu: z.string().openapi({ example: '충주시' }),
    }),
    offer: z.object({
      id: z.uuid().openapi({ example: OFFER_ID }),
      grade: z.enum(grades).openapi({ example: '특' }),
      packKg: z.number().openapi({ example: 5 }),
    }),
    product: z.object({
      id: z.uuid().openapi({ example: PRODUCT_ID }),
      fruit: z.string().openapi({ example: '사과' }),
      variety: z.string().openapi({ example: '부사' }),
    }),
  })
  .openapi('LotTrace');
