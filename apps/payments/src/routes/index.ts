import { registerCheckPgSettlements } from './admin/check-pg-settlements.ts';
import { registerGetCommission } from './admin/get-commission.ts';
import { registerListPgSettlementDifferences } from './admin/list-pg-settlement-differences.ts';
import { registerPayoutHolds } from './admin/payout-holds.ts';
import { registerRunSettlement } from './admin/run-settlement.ts';
import { registerSettlementBankFile } from './admin/settlement-bank-file.ts';
import { registerCreateCheckoutSession } from './checkout-sessions/create-checkout-session.ts';
import { registerConfirmPayment } from './confirm/confirm-payment.ts';
import type { PaymentsApp, RouteDeps } from './deps.ts';
import { registerGetFarmBalance } from './farms/get-farm-balance.ts';
import { registerGetFarmStatement } from './farms/get-farm-statement.ts';
import { registerGetOrderPayment } from './payments/get-order-payment.ts';
import { registerGiveRefundAccount } from './payments/give-refund-account.ts';
import { registerCreateRefund } from './refunds/create-refund.ts';
import { registerReceiveTossWebhook } from './webhooks/receive-toss-webhook.ts';

/** Every payments route, in the order the docs list them: shopper, farmer, admin, webhooks, internal. */
export function registerRoutes(app: PaymentsApp, deps: RouteDeps): void {
  registerCreateCheckoutSession(app, deps);
  registerConfirmPayment(app, deps);
  registerGetOrderPayment(app, deps);
  registerGiveRefundAccount(app, deps);
  registerGetFarmBalance(app, deps);
  registerGetFarmStatement(app, deps);
  registerGetCommission(app, deps);
  registerRunSettlement(app, deps);
  registerSettlementBankFile(app, deps);
  registerPayoutHolds(app, deps);
  registerCheckPgSettlements(app, deps);
  registerListPgSettlementDifferences(app, deps);
  registerReceiveTossWebhook(app, deps);
  registerCreateRefund(app, deps);
}
