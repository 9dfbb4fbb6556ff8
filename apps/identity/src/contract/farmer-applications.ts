import { z } from '@hono/zod-openapi';
import { applicationStatuses } from './values.ts';

const timestamp = z.iso.datetime().openapi({ example: '2026-11-21T03:15:00.000Z' });

/** A farmer application as its applicant and the admins read it; bank details only as the last 4 digits. */
export const farmerApplicationSchema = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    status: z.enum(applicationStatuses),
    farmName: z.string(),
    representativeName: z.string(),
    businessRegistrationNumber: z.string(),
    roadAddress: z.string(),
    zoneCode: z.string(),
    phone: z.string(),
    bankCode: z.string(),
    bankAccountLast4: z.string().openapi({ description: 'The full account number is never returned.' }),
    bankAccountHolder: z.string(),
    rejectionReason: z.string().nullable(),
    farmId: z.uuid().nullable(),
    submittedAt: timestamp,
    decidedAt: timestamp.nullable(),
  })
  .openapi('FarmerApplication', {
    example: {
      id: '0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b',
      accountId: '0193a0c4-4a00-7c3a-9f00-3c1d2e4f5a00',
      status: 'rejected',
      farmName: '햇살 사과농원',
      representativeName: '박정호',
      businessRegistrationNumber: '1248100998',
      roadAddress: '경상북도 청송군 청송읍 중앙로 1',
      zoneCode: '37414',
      phone: '0548731234',
      bankCode: '011',
      bankAccountLast4: '7891',
      bankAccountHolder: '박정호',
      rejectionReason: '예금주가 대표자와 다릅니다. 대표자 명의 계좌로 다시 신청해 주세요.',
      farmId: null,
      submittedAt: '2026-11-21T03:15:00.000Z',
      decidedAt: '2026-11-22T01:00:00.000Z',
    },
  });
export type FarmerApplication = z.infer<typeof farmerApplicationSchema>;
