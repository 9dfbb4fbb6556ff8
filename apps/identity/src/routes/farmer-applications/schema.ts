import { z } from '@hono/zod-openapi';
import type { FarmerApplication } from '../../domain/farmer-applications.ts';
import { normaliseBankAccountNumber, normaliseBusinessRegistrationNumber } from '../../domain/korean-formats.ts';
import { phoneField, roadAddressField, strictBody, text, timestampField, zoneCodeField } from '../fields.ts';

const businessRegistrationNumberField = z
  .string()
  .transform((value, ctx) => {
    const digits = normaliseBusinessRegistrationNumber(value);
    if (digits === undefined) {
      ctx.addIssue({
        code: 'custom',
        message:
          'Enter the 10-digit business registration number (사업자등록번호) exactly as registered; its check digit does not match.',
      });
      return z.NEVER;
    }
    return digits;
  })
  .openapi({
    type: 'string',
    example: '124-81-00998',
    description: '10 digits, hyphens optional, check digit verified',
  });

const bankAccountNumberField = z
  .string()
  .transform((value, ctx) => {
    const digits = normaliseBankAccountNumber(value);
    if (digits === undefined) {
      ctx.addIssue({ code: 'custom', message: 'Enter the account number: 10 to 16 digits, hyphens optional.' });
      return z.NEVER;
    }
    return digits;
  })
  .openapi({ type: 'string', example: '123-456789-01-012' });

export const submitApplicationBody = strictBody({
  farmName: text(100).openapi({ example: '햇살 사과농원' }),
  representativeName: text(50).openapi({ example: '박정호' }),
  businessRegistrationNumber: businessRegistrationNumberField,
  roadAddress: roadAddressField.openapi({ example: '경상북도 청송군 청송읍 중앙로 1' }),
  zoneCode: zoneCodeField.openapi({ example: '37414' }),
  phone: phoneField,
  bankCode: z
    .string()
    .regex(/^\d{3}$/, 'Use the three-digit bank code (e.g. 011 for NH농협).')
    .openapi({ example: '011' }),
  bankAccountNumber: bankAccountNumberField,
  bankAccountHolder: text(50).openapi({ example: '박정호' }),
}).openapi('SubmitFarmerApplication', {
  example: {
    farmName: '햇살 사과농원',
    representativeName: '박정호',
    businessRegistrationNumber: '124-81-00998',
    roadAddress: '경상북도 청송군 청송읍 중앙로 1',
    zoneCode: '37414',
    phone: '054-873-1234',
    bankCode: '011',
    bankAccountNumber: '301-1234-5678-91',
    bankAccountHolder: '박정호',
  },
});

export const farmerApplicationSchema = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    status: z.enum(['pending', 'verified', 'rejected']),
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
    submittedAt: timestampField,
    decidedAt: timestampField.nullable(),
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

export function farmerApplicationBody(application: FarmerApplication) {
  return {
    ...application,
    submittedAt: application.submittedAt.toISOString(),
    decidedAt: application.decidedAt?.toISOString() ?? null,
  };
}
