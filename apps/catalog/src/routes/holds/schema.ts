import { z } from '@hono/zod-openapi';
import { holdBody, holdReturnBody, holdReturnSchema, holdSchema } from '../../contract/internal-holds.ts';
import type { HoldView } from '../../domain/hold-views.ts';
import type { ReturnView } from '../../domain/return-boxes.ts';

export const holdHeaders = z.object({
  'idempotency-key': z
    .string('Idempotency-Key 헤더가 필요합니다. Send an Idempotency-Key header.')
    .min(8)
    .max(200)
    .openapi({ param: { name: 'idempotency-key', in: 'header' }, example: 'checkout-0196f0c2-7b3a-7c1e' }),
});

// The request and answer shapes are catalog's contract with orders: defined there, validated here.
export { holdBody, holdReturnBody, holdReturnSchema, holdSchema };

export const holdResponse = (hold: HoldView): z.infer<typeof holdSchema> => ({
  ...hold,
  expiresAt: hold.expiresAt.toISOString(),
});

export const holdReturnResponse = (view: ReturnView): z.infer<typeof holdReturnSchema> => ({
  ...view,
  returnedAt: view.returnedAt.toISOString(),
});
