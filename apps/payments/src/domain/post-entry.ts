import { newId } from '@fruitables/core';
import { journalEntries, journalLines } from '@fruitables/schema-payments';
import type { PaymentsDb } from './context.ts';
import { entryTotal, type LedgerEntry } from './ledger-entries.ts';

/**
 * Posts an entry in `tx`, once per `sourceKey` (a cause seen again posts nothing). An entry
 * whose lines do not sum to zero is a bug and throws, rolling back the change it belongs to.
 * Returns the entry's id, or undefined when it was already posted or has no lines.
 */
export async function postEntry(tx: PaymentsDb, entry: LedgerEntry, postedAt: Date): Promise<string | undefined> {
  if (entryTotal(entry) !== 0) throw new Error(`ledger entry ${entry.sourceKey} does not balance`);
  if (entry.lines.length === 0) return undefined;
  const [inserted] = await tx
    .insert(journalEntries)
    .values({
      id: newId(),
      kind: entry.kind,
      sourceKey: entry.sourceKey,
      orderId: entry.orderId,
      farmId: entry.farmId,
      description: entry.description,
      postedAt,
    })
    .onConflictDoNothing({ target: journalEntries.sourceKey })
    .returning({ id: journalEntries.id });
  if (!inserted) return undefined;
  await tx.insert(journalLines).values(entry.lines.map((line) => ({ id: newId(), entryId: inserted.id, ...line })));
  return inserted.id;
}
