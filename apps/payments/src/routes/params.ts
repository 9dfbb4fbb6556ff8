import { z } from '@hono/zod-openapi';

const FARM_ID = '0196f0c2-7b3a-7c1e-8f00-000000000300';

export const farmParams = z.object({
  farmId: z
    .uuid('farmId가 올바른 ID가 아닙니다. Not a valid id.')
    .openapi({ param: { name: 'farmId', in: 'path' }, example: FARM_ID }),
});

const seoulDate = z.iso.date('YYYY-MM-DD 형식의 날짜여야 해요. Must be a YYYY-MM-DD date.');

/** A Seoul calendar range, `to` inclusive; both default to the last 30 days. */
export const dateRangeQuery = z
  .object({
    from: seoulDate.optional().openapi({ example: '2026-11-01' }),
    to: seoulDate.optional().openapi({ example: '2026-11-30' }),
  })
  .strict();
