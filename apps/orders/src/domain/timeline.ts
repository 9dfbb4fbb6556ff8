import { newId } from '@fruitables/core';
import { orderTimeline } from '@fruitables/schema-orders';
import type { OrdersDb } from './context.ts';

export interface TimelineEntry {
  orderId: string;
  /** null: the whole order (placed, paid), shown on every fulfilment's timeline. */
  fulfilmentId: string | null;
  status: string;
  note: string | null;
}

/** Records what the shopper's status timeline shows, in the transaction of the change itself. */
export async function addTimeline(tx: OrdersDb, at: Date, entries: readonly TimelineEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(orderTimeline).values(entries.map((entry) => ({ id: newId(), at, ...entry })));
}
