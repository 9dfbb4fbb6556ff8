import type { DomainContext } from './context.ts';
import { alreadyPaid, orderExpired, orderNotAwaitingPayment, orderNotFound, returnUrlOffShop } from './errors.ts';
import { ensurePayment, findPayment } from './payment-records.ts';

export interface CheckoutSession {
  orderId: string;
  orderName: string;
  amount: number;
  /** Toss's `customerKey`: the shopper's id, which is already an opaque UUID. */
  customerKey: string;
  provider: 'toss' | 'stand-in';
  clientKey: string;
  paymentPageUrl: string | null;
}

/**
 * What the browser needs to open the payment page for an order: the amount and name orders
 * holds (never the browser's), and the PG's public client key. The payment row is made here,
 * so a webhook arriving before the confirm already finds its order.
 */
export async function openCheckoutSession(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'orders' | 'checkout'>,
  request: { shopperId: string; orderId: string; successUrl: string; failUrl: string },
): Promise<CheckoutSession> {
  assertOnShop(ctx.checkout.shopOrigin, request);
  const order = await ctx.orders.getPayableOrder(request.orderId);
  if (!order || order.shopperId !== request.shopperId) throw orderNotFound();
  const payment = await findPayment(ctx.db, order.orderId);
  if (payment && payment.status !== 'awaiting') throw alreadyPaid();
  if (order.status !== 'awaiting_payment') throw orderNotAwaitingPayment();
  if (Date.parse(order.expiresAt) <= ctx.clock.now().getTime()) throw orderExpired();
  await ensurePayment(ctx.db, order);
  const session = {
    orderId: order.orderId,
    orderName: order.orderName,
    amount: order.amount,
    customerKey: order.shopperId,
    provider: ctx.checkout.provider,
    clientKey: ctx.checkout.clientKey,
  };
  if (ctx.checkout.paymentPageUrl === null) return { ...session, paymentPageUrl: null };
  const page = new URL(ctx.checkout.paymentPageUrl);
  for (const [name, value] of Object.entries({
    clientKey: session.clientKey,
    orderId: session.orderId,
    amount: String(session.amount),
    orderName: session.orderName,
    customerKey: session.customerKey,
    successUrl: request.successUrl,
    failUrl: request.failUrl,
  })) {
    page.searchParams.set(name, value);
  }
  return { ...session, paymentPageUrl: page.toString() };
}

/** Both return addresses must be on the shop's origin (scheme, host and port), checked before anything else. */
function assertOnShop(shopOrigin: string, urls: { successUrl: string; failUrl: string }): void {
  const offShop = (['successUrl', 'failUrl'] as const).filter((field) => new URL(urls[field]).origin !== shopOrigin);
  if (offShop.length > 0) throw returnUrlOffShop(offShop, shopOrigin);
}
