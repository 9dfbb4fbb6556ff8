import { z } from '@hono/zod-openapi';
import { fulfilmentStatuses } from '../../contract/values.ts';

export const farmFulfilmentQuery = z.object({
  dispatchDate: z.iso
    .date('dispatchDate는 YYYY-MM-DD로 보내 주세요.')
    .optional()
    .openapi({ param: { name: 'dispatchDate', in: 'query' }, example: '2026-12-09' }),
  status: z
    .enum(fulfilmentStatuses)
    .optional()
    .openapi({ param: { name: 'status', in: 'query' }, example: 'paid' }),
});

export const shortageBody = z
  .object({
    lines: z
      .array(
        z
          .object({
            lineId: z.uuid('lineId가 올바른 ID가 아니에요.'),
            shortQuantity: z.number().int().min(1, '부족 수량은 1 이상이에요.').max(1000).openapi({ example: 1 }),
          })
          .strict(),
      )
      .min(1)
      .max(50),
    reason: z
      .string()
      .trim()
      .min(1, '사유를 적어 주세요.')
      .max(200)
      .openapi({ example: '우박 피해로 특품이 모자라요' }),
  })
  .strict()
  .openapi('ShortageReport');

export const decisionBody = z
  .object({ reason: z.string().trim().min(1).max(200).optional().openapi({ example: '이미 택배사에 넘겼어요' }) })
  .strict()
  .openapi('CancelDecision');
