import { payouts } from '@fruitables/schema-payments';
import { and, asc, eq } from 'drizzle-orm';
import type { DomainContext } from './context.ts';
import { payoutMemo } from './settlement.ts';

/**
 * The run's bulk-transfer file (대량이체) for the bank's upload: one row per payout still
 * requested with the bank file, in the layout the README documents — 입금은행코드 (three-digit
 * KFTC code), 입금계좌번호 (digits only), 예금주명, 이체금액 (integer KRW, no separators),
 * 받는분통장표시 (the memo) — UTF-8 with a BOM and CRLF, as Excel and the banks' upload pages read
 * it. The account numbers come from identity when the file is made; payments never stores them.
 */
export async function bankTransferFile(
  ctx: Pick<DomainContext, 'db' | 'farmAccounts'>,
  periodEnd: string,
): Promise<{ csv: string; rows: number; total: number }> {
  const requested = await ctx.db
    .select()
    .from(payouts)
    .where(and(eq(payouts.periodEnd, periodEnd), eq(payouts.status, 'requested'), eq(payouts.transfer, 'bank_file')))
    .orderBy(asc(payouts.createdAt));
  const lines = [['입금은행코드', '입금계좌번호', '예금주명', '이체금액', '받는분통장표시']];
  let total = 0;
  for (const payout of requested) {
    const account = await ctx.farmAccounts.payoutAccountOf(payout.farmId);
    if (!account) throw new Error(`farm ${payout.farmId} has no payout account at identity`);
    lines.push([
      account.bankCode.padStart(3, '0'),
      account.accountNumber.replace(/\D/g, ''),
      account.holderName,
      String(payout.amount),
      payoutMemo(periodEnd),
    ]);
    total += payout.amount;
  }
  return {
    csv: `\uFEFF${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`,
    rows: requested.length,
    total,
  };
}

/** A cell quoted when it must be, and never read as a formula by a spreadsheet (a holder named "=…"). */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
