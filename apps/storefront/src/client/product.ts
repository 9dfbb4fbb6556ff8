import { readDeliveryPromise } from './answers/logistics.ts';
import { addToCart, type CartLine, cartCount, readServerCartCount } from './cart-store.ts';
import { callApi } from './purchase/http.ts';
import { syncServerCart } from './purchase/server-cart.ts';
import { readSession } from './session-store.ts';

// The product page's offers are buttons of one form; without JavaScript it only leads to the
// cart page, with it each button adds one box of its offer to the cart kept in this browser.
const form = document.querySelector<HTMLFormElement>('form[data-add-to-cart]');
const status = document.querySelector<HTMLElement>('[data-cart-status]');

function lineOf(button: HTMLButtonElement): CartLine | null {
  try {
    const offer = JSON.parse(button.dataset.offer ?? '') as Omit<CartLine, 'quantity'>;
    return { ...offer, quantity: 1 };
  } catch {
    return null;
  }
}

form?.addEventListener('submit', (event) => {
  const submitter = (event as SubmitEvent).submitter;
  if (!(submitter instanceof HTMLButtonElement)) return;
  const line = lineOf(submitter);
  if (!line) return;
  event.preventDefault();
  const lines = addToCart(line);
  const signedIn = readSession() !== null;
  if (status) {
    const boxes = cartCount(lines) + (signedIn ? readServerCartCount() : 0);
    status.textContent = `${line.name} ${line.grade} ${line.box}을(를) 장바구니에 담았어요. 장바구니에 ${boxes}상자가 있어요.`;
  }
  // Signed in, the box goes on to the account's server cart (kept here if that fails).
  if (signedIn) void syncServerCart();
});

/**
 * The banner's promise for this product's farm, from logistics now (cut-offs, holidays and
 * full dates change by the hour; a prerendered sentence would go stale). The built copy stays
 * when logistics cannot answer, or when its headline would not fit the banner's two lines.
 */
async function showLivePromise(banner: HTMLElement, farmId: string): Promise<void> {
  const answer = await callApi('logistics', '/v1/promise', { method: 'POST', body: { farms: [{ farmId, boxes: 1 }] } });
  const farm = answer.status === 200 ? readDeliveryPromise(answer.body)?.farms.find((f) => f.farmId === farmId) : null;
  const text = banner.querySelector<HTMLElement>('[data-promise-text]');
  if (!farm?.deliverable || !farm.headline || farm.headline.length > 40 || !text) return;
  text.textContent = farm.headline;
}

const banner = document.querySelector<HTMLElement>('[data-promise-farm]');
if (banner?.dataset.promiseFarm) void showLivePromise(banner, banner.dataset.promiseFarm);
