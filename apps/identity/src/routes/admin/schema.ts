import { z } from '@hono/zod-openapi';
import type { AccountStatusView } from '../../domain/account-admin.ts';
import { farmerApplicationSchema } from '../farmer-applications/schema.ts';
import { idParam, strictBody, text, timestampField } from '../fields.ts';

export const applicationParams = z.object({ applicationId: idParam('applicationId') });
export const accountParams = z.object({ accountId: idParam('accountId') });

export const pendingApplicationsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ example: 20 }),
  after: z.uuid().optional().openapi({ description: 'The `nextCursor` of the previous page.' }),
});

export const pendingApplicationsSchema = z
  .object({ items: z.array(farmerApplicationSchema), nextCursor: z.uuid().nullable() })
  .openapi('PendingFarmerApplications');

export const rejectApplicationBody = strictBody({
  reason: text(500).openapi({ example: '예금주가 대표자와 다릅니다. 대표자 명의 계좌로 다시 신청해 주세요.' }),
}).openapi('RejectFarmerApplication', {
  example: { reason: '예금주가 대표자와 다릅니다. 대표자 명의 계좌로 다시 신청해 주세요.' },
});

export const disableAccountBody = strictBody({
  reason: text(500).optional().openapi({ example: '결제 사기 신고 접수' }),
}).openapi('DisableAccount', { example: { reason: '결제 사기 신고 접수' } });

export const linkFarmBody = strictBody({
  farmId: z.uuid().openapi({ example: '0193a0c4-6c00-7c3a-9f00-3c1d2e4f5a6b' }),
}).openapi('LinkFarm', { example: { farmId: '0193a0c4-6c00-7c3a-9f00-3c1d2e4f5a6b' } });

export const linkedFarmsSchema = z.object({ accountId: z.uuid(), farmIds: z.array(z.uuid()) }).openapi('LinkedFarms', {
  example: {
    accountId: '0193a0c4-4a00-7c3a-9f00-3c1d2e4f5a00',
    farmIds: ['0193a0c4-6b00-7c3a-9f00-3c1d2e4f5a6b', '0193a0c4-6c00-7c3a-9f00-3c1d2e4f5a6b'],
  },
});

export const accountStatusSchema = z
  .object({ id: z.uuid(), status: z.enum(['active', 'disabled']), disabledAt: timestampField.nullable() })
  .openapi('AccountStatus', {
    example: { id: '0193a0c4-4a00-7c3a-9f00-3c1d2e4f5a00', status: 'disabled', disabledAt: '2026-11-21T03:15:00.000Z' },
  });

export function accountStatusBody(view: AccountStatusView) {
  return { ...view, disabledAt: view.disabledAt?.toISOString() ?? null };
}
