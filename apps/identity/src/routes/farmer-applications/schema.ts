import { z } from '@hono/zod-openapi';
import type { FarmerApplication } from '../../domain/farmer-applications.ts';
import { normaliseBankAccountNumber, normaliseBusinessRegistrationNumber } from '../../domain/korean-formats.ts';
import { phoneField, roadAddressField, strictBody, text, zoneCodeField } from '../fields.ts';

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

export function farmerApplicationBody(application: FarmerApplication) {
  return {
    ...application,
    submittedAt: application.submittedAt.toISOString(),
    decidedAt: application.decidedAt?.toISOString() ?? null,
  };
}
