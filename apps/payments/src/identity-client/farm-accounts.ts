import { getPayoutAccount } from '@fruitables/identity/contract';
import { isCalleeProblem, type ServiceClient } from '@fruitables/kit/client';
import type { FarmAccounts } from '../domain/farm-accounts.ts';

/**
 * identity's getPayoutAccount over the service client (service token with
 * `identity:payout-accounts`). identity's `payout_account_not_found` becomes "no account";
 * anything else propagates, and that farm's payout waits for the next pass.
 */
export function createFarmAccounts(client: ServiceClient): FarmAccounts {
  return {
    async payoutAccountOf(farmId) {
      try {
        const account = await client.call(getPayoutAccount, { params: { farmId } });
        return { bankCode: account.bankCode, accountNumber: account.accountNumber, holderName: account.holderName };
      } catch (error) {
        if (isCalleeProblem(error, getPayoutAccount, 'payout_account_not_found')) return undefined;
        throw error;
      }
    },
  };
}
