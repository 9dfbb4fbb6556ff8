import { applicationStatuses } from '@fruitables/schema-identity';
import { z } from '@hono/zod-openapi';
import { adminFarmSchema } from '../../contract/admin-farms.ts';
import { farmerApplicationSchema } from '../../contract/farmer-applications.ts';
import type { AccountStatusView } from '../../domain/account-admin.ts';
import type { FarmListing } from '../../domain/farms.ts';
import { idParam, storableString, strictBody, text, timestampField } from '../fields.ts';

export const applicationParams = z.object({ applicationId: idParam('applicationId') });
export const accountParams = z.object({ accountId: idParam('accountId') });

const pageLimit = z.coerce.number().int().min(1).max(100).default(20).openapi({ example: 20 });

export const farmerApplicationsQuery = z.object({
  status: z.enum(applicationStatuses).default('pending').openapi({
    description:
      '`pending` (the default): the review queue, oldest first. `verified` or `rejected`: past decisions, most recently decided first.',
    example: 'pending',
  }),
  limit: pageLimit,
  after: z
    .uuid()
    .optional()
    .openapi({ description: 'The `nextCursor` of the previous page (with the same `status`).' }),
});

export const farmerApplicationPageSchema = z
  .object({ items: z.array(farmerApplicationSchema), nextCursor: z.uuid().nullable() })
  .openapi('FarmerApplicationPage', {
    example: {
      items: [
        {
          id: '0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b',
          accountId: '0193a0c4-4a00-7c3a-9f00-3c1d2e4f5a00',
          status: 'pending',
          farmName: '햇살 사과농원',
          representativeName: '박정호',
          businessRegistrationNumber: '1248100998',
          roadAddress: '경상북도 청송군 청송읍 중앙로 1',
          zoneCode: '37414',
          phone: '0548731234',
          bankCode: '011',
          bankAccountLast4: '7891',
          bankAccountHolder: '박정호',
          rejectionReason: null,
          farmId: null,
          submittedAt: '2026-11-21T03:15:00.000Z',
          decidedAt: null,
        },
      ],
      nextCursor: '0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b',
    },
  });

export const farmsQuery = z.object({
  limit: pageLimit,
  after: z.uuid().optional().openapi({ description: 'The `nextCursor` of the previous page (with the same `q`).' }),
  q: storableString()
    .trim()
    .max(100, 'Use at most 100 characters.')
    .transform((value) => (value === '' ? undefined : value))
    .optional()
    .openapi({
      type: 'string',
      description:
        "Only farms whose name, or any manager's email, contains this text (case-insensitive, trimmed; blank means all).",
      example: '사과',
    }),
});

export const farmPageSchema = z
  .object({ items: z.array(adminFarmSchema), nextCursor: z.uuid().nullable() })
  .openapi('FarmPage', {
    example: {
      items: [
        {
          id: '0193a0c4-6c00-7c3a-9f00-3c1d2e4f5a6b',
          name: '햇살 사과농원',
          createdAt: '2026-11-22T01:00:00.000Z',
          managers: [
            {
              accountId: '0193a0c4-4a00-7c3a-9f00-3c1d2e4f5a00',
              email: 'jeongho.park@example.kr',
              displayName: '박정호',
              status: 'active',
              disabledAt: null,
            },
            {
              accountId: '0193a0c4-4b00-7c3a-9f00-3c1d2e4f5a01',
              email: 'sujin.park@example.kr',
              displayName: '박수진',
              status: 'disabled',
              disabledAt: '2026-11-25T08:30:00.000Z',
            },
          ],
        },
      ],
      nextCursor: '0193a0c4-6c00-7c3a-9f00-3c1d2e4f5a6b',
    },
  });

export function farmBody(farm: FarmListing) {
  return {
    ...farm,
    createdAt: farm.createdAt.toISOString(),
    managers: farm.managers.map((manager) => ({ ...manager, disabledAt: manager.disabledAt?.toISOString() ?? null })),
  };
}

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
