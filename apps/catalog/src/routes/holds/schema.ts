import { holdStatuses } from '@fruitables/schema-catalog';
import { z } from '@hono/zod-openapi';
import { HOLD_ID, LOT_ID, OFFER_ID } from '../../contract/examples.ts';
import type { HoldView } from '../../domain/hold-views.ts';

export const holdHeaders = z.object({
  'idempotency-key': z
    .string('Idempotency-Key 헤더가 필요합니다. Send an Idempotency-Key header.')
    .min(8)
    .max(200)
    .openapi({ param: { name: 'idempotency-key', in: 'header' }, example: 'checkout-0196f0c2-7b3a-7c1e' }),
});

export const holdBody = z
  .object({
    lines: z
      .array(
        z.object({
          offerId: z.uuid().openapi({ example: OFFER_ID }),
          quantity: z.number().int().positive().max(1000).openapi({ example: 2 }),
        }),
      )
      .min(1)
      .max(50),
    ttlSeconds: z
      .number()
      .int()
      .min(30)
      .max(3600)
      .optional()
      .openapi({ example: 900, description: 'Default 900 (15 min)' }),
  })
  .strict()
  .openapi('HoldRequest');

export const holdSchema = z
  .object({
    id: z.uuid().openapi({ example: HOLD_ID }),
    status: z.enum(holdStatuses).openapi({ example: 'held' }),
    expiresAt: z.iso.datetime().openapi({ example: '2026-11-21T12:15:00.000Z' }),
    lines: z.array(
      z.object({
        offerId: z.uuid().openapi({ example: OFFER_ID }),
        lotId: z.uuid().openapi({ example: LOT_ID }),
        lotCode: z.string().openapi({ example: 'CJ-2611-01' }),
        harvestedOn: z.iso.date().openapi({ example: '2026-11-12' }),
        quantity: z.number().int().openapi({ example: 2 }),
      }),
    ),
  })
  .openapi('Hold');

export const holdResponse = (hold: HoldView): z.infer<typeof holdSchema> => ({
  ...hold,
  expiresAt: hold.expiresAt.toISOString(),
});
