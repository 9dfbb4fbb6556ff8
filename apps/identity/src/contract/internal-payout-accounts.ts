import { defineOperation } from '@fruitables/kit/contract';
import { z } from '@hono/zod-openapi';

/*
 * Where a farm's money goes: payments asks for the bank account the farm's verified application
 * gave, to pay the farm out. The only way the unsealed account number leaves identity.
 */

export const IDENTITY_AUDIENCE = 'identity';
export const PAYOUT_ACCOUNTS_SCOPE = 'identity:payout-accounts';

export const identityServiceScopes = {
  [PAYOUT_ACCOUNTS_SCOPE]: "Read a verified farm's payout bank account, unsealed (payments' settlement run).",
};

export const payoutAccountSchema = z
  .object({
    farmId: z.uuid().openapi({ example: '0196f0c2-7b3a-7c1e-8f00-000000000300' }),
    /** Toss's / the banks' two-digit code (88 신한은행…). */
    bankCode: z.string().openapi({ example: '88' }),
    accountNumber: z.string().openapi({ example: '110123456789' }),
    holderName: z.string().openapi({ example: '김농부' }),
  })
  .openapi('PayoutAccount');

export type PayoutAccount = z.infer<typeof payoutAccountSchema>;

export const getPayoutAccount = defineOperation({
  method: 'GET',
  path: '/internal/v1/farms/{farmId}/payout-account',
  params: z.object({ farmId: z.uuid() }),
  response: payoutAccountSchema,
  idempotent: true,
  scope: PAYOUT_ACCOUNTS_SCOPE,
  problemCodes: ['payout_account_not_found', 'validation_failed'],
});
