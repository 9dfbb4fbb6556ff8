import { z } from '@hono/zod-openapi';
import { closureBody, closureListSchema, closureSchema } from '../../contract/closures.ts';

export { closureBody, closureListSchema, closureSchema };

export const closureParams = z.object({
  closureId: z
    .uuid('closureId가 올바른 ID가 아닙니다. Not a valid id.')
    .openapi({ param: { name: 'closureId', in: 'path' }, example: '0196f0c2-7b3a-7c1e-8f00-000000000400' }),
});

export const closureResponse = (row: {
  id: string;
  startsOn: string;
  endsOn: string;
  scope: z.infer<typeof closureSchema>['scope'];
  farmId: string | null;
  reason: string;
  createdAt: Date;
}): z.infer<typeof closureSchema> => ({
  id: row.id,
  startsOn: row.startsOn,
  endsOn: row.endsOn,
  scope: row.scope,
  farmId: row.farmId,
  reason: row.reason,
  createdAt: row.createdAt.toISOString(),
});
