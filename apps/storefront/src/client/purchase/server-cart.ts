import { type CartView, readCartView } from '../answers/orders.ts';
import { type CartLine, readCart, writeCart, writeServerCartCount } from '../cart-store.ts';
import { whoAmI } from '../console/who.ts';
import { type ApiAnswer, callApi } from './http.ts';

/** What orders needs of a browser line: the offer, how many, and the price the shopper saw. */
export const cartRequestItems = (lines: CartLine[]) =>
  lines.map((line) => ({ offerId: line.offerId, quantity: line.quantity, addedUnitPrice: line.priceKrw }));

export const boxesIn = (view: CartView): number => view.items.reduce((sum, item) => sum + item.quantity, 0);

export type CartAnswer = { ok: true; view: CartView } | { ok: false; answer: ApiAnswer };

function cartAnswer(answer: ApiAnswer): CartAnswer {
  const view = answer.status === 200 ? readCartView(answer.body) : null;
  if (!view) return { ok: false, answer };
  writeServerCartCount(boxesIn(view));
  return { ok: true, view };
}

/** A guest's cart priced now (no account): live prices, stock, per-farm fees and promises. */
export async function priceGuestCart(lines: CartLine[], postcode?: string): Promise<CartView | null> {
  const answer = await callApi('orders', '/v1/cart/price', {
    method: 'POST',
    body: { items: cartRequestItems(lines), ...(postcode ? { postcode } : {}) },
  });
  return answer.status === 200 ? readCartView(answer.body) : null;
}

async function mergeNow(): Promise<CartAnswer> {
  // Read inside the lock: another tab may have merged (and cleared) these lines meanwhile.
  const lines = readCart();
  if (lines.length === 0) return cartAnswer(await callApi('orders', '/v1/cart', { signedIn: true }));
  const answer = cartAnswer(
    await callApi('orders', '/v1/cart/merge', {
      method: 'POST',
      body: { items: cartRequestItems(lines) },
      signedIn: true,
    }),
  );
  // Only lines the server took leave the browser; a failed merge keeps them for the next try.
  if (answer.ok) writeCart([]);
  return answer;
}

let merging: Promise<CartAnswer> | null = null;

/**
 * The signed-in shopper's cart: the browser's lines (a guest's cart at log-in, or boxes added
 * since) merged into the server cart first — quantities add, so a merge must happen once.
 * One at a time in this tab, and across tabs under a Web Lock where the browser has them.
 */
export function syncServerCart(): Promise<CartAnswer> {
  const run = (): Promise<CartAnswer> =>
    navigator.locks ? navigator.locks.request('fruitables-cart-merge', mergeNow).then((answer) => answer) : mergeNow();
  const current =
    merging ??
    run().finally(() => {
      merging = null;
    });
  merging = current;
  return current;
}

export async function setServerQuantity(item: { offerId: string; addedUnitPrice: number | null }, quantity: number) {
  return cartAnswer(
    await callApi('orders', `/v1/cart/items/${encodeURIComponent(item.offerId)}`, {
      method: 'PUT',
      body: { quantity, ...(item.addedUnitPrice === null ? {} : { addedUnitPrice: item.addedUnitPrice }) },
      signedIn: true,
    }),
  );
}

export async function removeServerItem(offerId: string) {
  return cartAnswer(
    await callApi('orders', `/v1/cart/items/${encodeURIComponent(offerId)}`, { method: 'DELETE', signedIn: true }),
  );
}

/**
 * Right after a log-in: the guest's cart joins the account's server cart before the next page
 * opens. Waits at most a few seconds; a merge that fails or is slow leaves the lines in the
 * browser, and the cart or checkout page merges them on its next visit.
 */
export async function mergeAfterSignIn(waitMs = 3_000): Promise<void> {
  // A farmer's or an admin's account has no cart to merge into (orders would answer 403).
  const who = await whoAmI();
  if (who && !who.roles.includes('shopper')) return;
  await Promise.race([syncServerCart().catch(() => null), new Promise((resolve) => setTimeout(resolve, waitMs))]);
}
