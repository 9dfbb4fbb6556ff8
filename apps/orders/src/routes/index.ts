import { registerCreateAdminRefund } from './admin/create-refund.ts';
import { registerGetAdminOrder } from './admin/get-admin-order.ts';
import { registerSearchOrders } from './admin/search-orders.ts';
import { registerDeleteCartItem } from './cart/delete-cart-item.ts';
import { registerGetCart } from './cart/get-cart.ts';
import { registerMergeCart } from './cart/merge-cart.ts';
import { registerPriceCart } from './cart/price-cart.ts';
import { registerPutCartItem } from './cart/put-cart-item.ts';
import { registerCreateCheckout } from './checkouts/create-checkout.ts';
import type { OrdersApp, RouteDeps } from './deps.ts';
import { registerAcceptCancelRequest } from './farms/accept-cancel-request.ts';
import { registerDeclineCancelRequest } from './farms/decline-cancel-request.ts';
import { registerListFarmFulfilments } from './farms/list-farm-fulfilments.ts';
import { registerReportShortage } from './farms/report-shortage.ts';
import { registerStartPacking } from './farms/start-packing.ts';
import { registerCreateGiftCheckout } from './gifts/create-gift-checkout.ts';
import { registerReadRecipients } from './gifts/read-recipients.ts';
import { registerGetPayableOrder } from './internal/get-payable-order.ts';
import { registerCancelFulfilment } from './orders/cancel-fulfilment.ts';
import { registerConfirmFulfilment } from './orders/confirm-fulfilment.ts';
import { registerGetOrder } from './orders/get-order.ts';
import { registerListOrders } from './orders/list-orders.ts';

/** Every orders route, in the order the docs list them: cart, checkout, orders, farmers, admins, internal. */
export function registerRoutes(app: OrdersApp, deps: RouteDeps): void {
  registerPriceCart(app, deps);
  registerGetCart(app, deps);
  registerPutCartItem(app, deps);
  registerDeleteCartItem(app, deps);
  registerMergeCart(app, deps);
  registerCreateCheckout(app, deps);
  registerReadRecipients(app, deps);
  registerCreateGiftCheckout(app, deps);
  registerListOrders(app, deps);
  registerGetOrder(app, deps);
  registerCancelFulfilment(app, deps);
  registerConfirmFulfilment(app, deps);
  registerListFarmFulfilments(app, deps);
  registerStartPacking(app, deps);
  registerReportShortage(app, deps);
  registerAcceptCancelRequest(app, deps);
  registerDeclineCancelRequest(app, deps);
  registerSearchOrders(app, deps);
  registerGetAdminOrder(app, deps);
  registerCreateAdminRefund(app, deps);
  registerGetPayableOrder(app, deps);
}
