import type { OrdersDb } from '../context.ts';
import type { BookInput } from '../gift-addresses.ts';
import type { PayInput } from '../pay-settlement.ts';
import type { SubstituteInput } from '../substitution.ts';

/** A release of what an unpaid or cancelled order still holds at catalog and logistics. */
export interface ReleaseInput {
  orderId: string;
  holdId: string | null;
  bookingIds: string[];
}

/** A refund payments is asked for, keyed by what it refunds (`requestKey`). */
export interface RefundInput {
  refundId: string;
  orderId: string;
  fulfilmentId: string | null;
  amount: number;
  reason: 'shopper_cancelled' | 'shortage' | 'substitution' | 'admin' | 'recipient_no_address';
  description: string;
  requestKey: string;
}

/** Sold boxes a paid order gives back to catalog, per hold, keyed by what was cancelled (`requestKey`). */
export interface RestockInput {
  orderId: string;
  requestKey: string;
  /** `cancelled`: back on sale (unless the lot ended or aged out); `shortage`: the boxes do not exist. */
  reason: 'cancelled' | 'shortage';
  holds: { holdId: string; lines: { lotId: string; quantity: number }[] }[];
}

/** Keep an unpaid order's stock hold and bookings until `until` (a virtual account's due date). */
export interface ExtendInput {
  orderId: string;
  holdId: string | null;
  bookingIds: string[];
  /** ISO instant. */
  until: string;
}

/**
 * Starts the workflows that follow a state change, in the transaction of that change (so the
 * change and its remote follow-up commit together); the sweeper drives them.
 */
export interface FollowUps {
  pay(tx: OrdersDb, input: PayInput): Promise<string>;
  release(tx: OrdersDb, input: ReleaseInput): Promise<string>;
  refund(tx: OrdersDb, input: RefundInput): Promise<string>;
  substitute(tx: OrdersDb, input: SubstituteInput): Promise<string>;
  restock(tx: OrdersDb, input: RestockInput): Promise<string>;
  extend(tx: OrdersDb, input: ExtendInput): Promise<string>;
  book(tx: OrdersDb, input: BookInput): Promise<string>;
}
