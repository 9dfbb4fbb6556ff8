import type { Clock } from '@fruitables/core';
import type { FieldCipher } from '@fruitables/core/field-cipher';
import type { Executor } from '@fruitables/db';
import type { paymentsTables } from '@fruitables/schema-payments';
import type { Logger } from 'pino';
import type { FarmAccounts, PayoutTransfer } from './farm-accounts.ts';
import type { LedgerPolicy } from './ledger-entries.ts';
import type { OrdersGateway } from './orders-gateway.ts';
import type { PaymentGateway } from './pg.ts';

export type PaymentsDb = Executor<typeof paymentsTables>;

/** How the browser pays: the PG's public client key and, for the stand-in, its page. */
export interface CheckoutSettings {
  provider: 'toss' | 'stand-in';
  clientKey: string;
  /** The stand-in's payment page (the browser goes there); null for real Toss (the widget renders in the shop). */
  paymentPageUrl: string | null;
  /**
   * The shop's own origin (`PAYMENTS_SHOP_URL`): the PG sends the shopper back only there, so a
   * checkout session cannot be made to land a shopper, with a paymentKey in the URL, on another site.
   */
  shopOrigin: string;
}

/** Timings of the uncertainty machinery; see the README's "When the PG does not answer". */
export interface ReconcilePolicy {
  /** An in-flight confirm younger than this is left to the process that sent it. */
  inFlightGraceMs: number;
  /** A payment the PG still shows READY/IN_PROGRESS this long after our confirm is given up as not approved. */
  abandonAfterMs: number;
}

/**
 * Everything the payments domain works with, built once by `createApp`. Functions take the
 * slice they use (`Pick<DomainContext, ...>`); `db` may be the pool or an open transaction.
 */
export interface DomainContext {
  db: PaymentsDb;
  clock: Clock;
  logger: Logger;
  pg: PaymentGateway;
  orders: OrdersGateway;
  checkout: CheckoutSettings;
  reconcile: ReconcilePolicy;
  /** identity's getPayoutAccount: where a farm's money goes. */
  farmAccounts: FarmAccounts;
  /** How payouts leave: the PG's payout API, or a bank bulk-transfer file an admin uploads. */
  payoutTransfer: PayoutTransfer;
  /** Seals the shoppers' refund account numbers (AES-256-GCM under a key id). */
  cipher: FieldCipher;
  /** Commission and PG fee rates the ledger posts with. */
  ledger: LedgerPolicy;
  /**
   * A test seam: called at named points around the PG calls and the commits
   * (`attempt:after-commit`, `pg-confirm:before-call`…); the crash test kills the process there.
   */
  checkpoint?: (point: string) => void;
}
