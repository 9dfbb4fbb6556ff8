import { NotFound } from '@fruitables/core';
import { farmerApplications } from '@fruitables/schema-identity';
import { and, desc, eq } from 'drizzle-orm';
import type { DomainContext } from './context.ts';
import { bankAccountContext } from './farmer-applications.ts';

export interface PayoutAccount {
  farmId: string;
  bankCode: string;
  accountNumber: string;
  holderName: string;
}

/**
 * The bank account a farm is paid into: the one its verified application gave (the latest, if
 * an admin verified more than one for the farm), unsealed. For payments' payouts only.
 */
export async function getPayoutAccount(
  ctx: Pick<DomainContext, 'db' | 'cipher'>,
  farmId: string,
): Promise<PayoutAccount> {
  const [application] = await ctx.db
    .select()
    .from(farmerApplications)
    .where(and(eq(farmerApplications.farmId, farmId), eq(farmerApplications.status, 'verified')))
    .orderBy(desc(farmerApplications.decidedAt))
    .limit(1);
  if (!application) {
    throw new NotFound(
      '정산 계좌가 등록된 농가가 아니에요. No verified farm with a payout account.',
      'payout_account_not_found',
    );
  }
  return {
    farmId,
    bankCode: application.bankCode,
    accountNumber: ctx.cipher.open(application.bankAccountNumberSealed, bankAccountContext(application.id)),
    holderName: application.bankAccountHolder,
  };
}
