/** A farm's payout bank account as identity keeps it (the bank's code, the number, the holder). */
export interface FarmBankAccount {
  bankCode: string;
  accountNumber: string;
  holderName: string;
}

/**
 * identity's getPayoutAccount as the domain sees it: the account of the farm's verified
 * application, or undefined when identity knows no such farm. payments never stores the number.
 */
export interface FarmAccounts {
  payoutAccountOf(farmId: string): Promise<FarmBankAccount | undefined>;
}

/**
 * How a payout's money leaves: `payout_api` sends each transfer through the PG's payout API
 * (the stand-in's locally) and the payout is paid when it answers; `bank_file` leaves the run's
 * payouts requested until an admin uploads the bulk-transfer file to the bank and marks them paid.
 */
export type PayoutTransfer = 'payout_api' | 'bank_file';
