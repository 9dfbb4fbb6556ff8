import { registerCreateCheckoutSession } from './checkout-sessions/create-checkout-session.ts';
import { registerConfirmPayment } from './confirm/confirm-payment.ts';
import type { PaymentsApp, RouteDeps } from './deps.ts';
import { registerGetOrderPayment } from './payments/get-order-payment.ts';
import { registerCreateRefund } from './refunds/create-refund.ts';
import { registerReceiveTossWebhook } from './webhooks/receive-toss-webhook.ts';

/** Every payments route, in the order the docs list them: shopper, webhooks, internal. */
export function registerRoutes(app: PaymentsApp, deps: RouteDeps): void {
  registerCreateCheckoutSession(app, deps);
  registerConfirmPayment(app, deps);
  registerGetOrderPayment(app, deps);
  registerReceiveTossWebhook(app, deps);
  registerCreateRefund(app, deps);
}
