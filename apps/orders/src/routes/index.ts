import { registerDeleteCartItem } from './cart/delete-cart-item.ts';
import { registerGetCart } from './cart/get-cart.ts';
import { registerMergeCart } from './cart/merge-cart.ts';
import { registerPriceCart } from './cart/price-cart.ts';
import { registerPutCartItem } from './cart/put-cart-item.ts';
import { registerCreateCheckout } from './checkouts/create-checkout.ts';
import type { OrdersApp, RouteDeps } from './deps.ts';
import { registerGetPayableOrder } from './internal/get-payable-order.ts';
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
  registerListOrders(app, deps);
  registerGetOrder(app, deps);
  registerGetPayableOrder(app, deps);
}
