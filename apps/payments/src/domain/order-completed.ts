import type { PaymentsDb } from './context.ts';
import { fulfilmentCompletedEntry, type LedgerPolicy } from './ledger-entries.ts';
import { postEntry } from './post-entry.ts';

export interface CompletedFulfilment {
  orderId: string;
  fulfilmentId: string;
  farmId: string;
  goodsAmount: number;
  deliveryFee: number;
  refundedAmount: number;
  completedAt: string;
}

/**
 * OrderCompleted (구매확정) from orders: the fulfilment's goods, net of its refunds and the
 * platform's commission, become payable to its farm. Posted once per fulfilment (the entry's
 * source key), inside the consumer's transaction with its inbox row.
 */
export async function applyOrderCompleted(
  tx: PaymentsDb,
  ledger: LedgerPolicy,
  completed: CompletedFulfilment,
): Promise<void> {
  await postEntry(tx, fulfilmentCompletedEntry(ledger, completed), new Date(completed.completedAt));
}
