import type { CartItem, CartView } from './answers/orders.ts';
import { type CartLine, clampQuantity, onCartChange, readCart, writeCart } from './cart-store.ts';
import { formatKrw } from './config.ts';
import { checkoutBlocker, farmGroups, localView, priceChangeText, withQuantities } from './purchase/cart-model.ts';
import { h, say } from './purchase/dom.ts';
import { loginUrl } from './purchase/http.ts';
import { purchaseProblemText } from './purchase/problem-text.ts';
import { priceGuestCart, removeServerItem, setServerQuantity, syncServerCart } from './purchase/server-cart.ts';
import { readSession } from './session-store.ts';

// The cart page. A guest's cart lives in this browser and is priced by orders on every change
// (POST /cart/price); a signed-in shopper's cart is the server's, into which the browser's
// lines are merged first. Either way the page shows orders' answer: live prices, changed
// prices flagged, sold-out lines, and each farm's subtotal, delivery fee and promise.

const CHECKOUT = '/checkout/';
const root = document.querySelector<HTMLElement>('[data-cart]');
const status = document.querySelector<HTMLElement>('[data-cart-message]');

type Action = 'less' | 'more' | 'remove';

let signedIn = readSession() !== null;
/** The last answer from orders (guest: priced; signed in: the server cart). */
let view: CartView | null = null;

/** The shopper's own words for a line: what the product page stored, else orders' title. */
function nameOf(item: CartItem, local: CartLine | undefined): string {
  return local?.name ?? item.title ?? '판매가 끝난 상품';
}

function labelOf(item: CartItem, local: CartLine | undefined): string {
  if (local) return `${local.name} · ${local.grade} · ${local.box}`;
  return [nameOf(item, local), item.grade, item.packKg ? `${item.packKg}kg` : ''].filter(Boolean).join(' · ');
}

function control(item: CartItem, action: Action, label: string, text: string, disabled = false): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'button-small',
      'aria-label': label,
      'data-offer': item.offerId,
      'data-action': action,
      disabled,
      onclick: () => change(item, action),
    },
    text,
  );
}

function lineElement(item: CartItem, local: CartLine | undefined): HTMLLIElement {
  const name = nameOf(item, local);
  const changed = priceChangeText(item);
  const limit = item.perOrderLimit ?? 99;
  return h(
    'li',
    { class: 'cart-line' },
    item.productUrl ? h('a', { href: item.productUrl }, labelOf(item, local)) : h('span', {}, labelOf(item, local)),
    h(
      'span',
      { class: 'cart-controls' },
      control(item, 'less', `${name} 한 상자 빼기`, '−', item.quantity <= 1),
      h('span', { class: 'quantity' }, `${item.quantity}상자`),
      control(item, 'more', `${name} 한 상자 더하기`, '+', item.quantity >= limit),
      control(item, 'remove', `${name} 삭제`, '삭제'),
    ),
    h('span', { class: 'price' }, formatKrw(item.lineTotal)),
    changed ? h('strong', { class: 'price-change' }, changed) : null,
    item.stockState === 'sold_out' ? h('strong', { class: 'badge badge-sold_out' }, '품절') : null,
    item.stockState === 'low' ? h('span', { class: 'badge badge-low' }, '품절 임박') : null,
  );
}

function draw(container: HTMLElement, current: CartView, known: boolean): void {
  if (current.items.length === 0) {
    container.replaceChildren(
      h('p', {}, '장바구니가 비어 있어요. 제철 과일을 둘러보세요.'),
      h('a', { href: '/fruits/' }, '과일 보러 가기'),
    );
    return;
  }
  const locals = new Map(readCart().map((line) => [line.offerId, line]));
  const farms = farmGroups(current).map(({ farm, items }) =>
    h(
      'section',
      { class: 'cart-farm' },
      farm.farmName ? h('h2', {}, farm.farmName) : null,
      farm.promise?.headline ? h('p', { class: 'cart-promise' }, `🚚 ${farm.promise.headline}`) : null,
      h(
        'ul',
        { class: 'cart-lines' },
        items.map((item) => lineElement(item, locals.get(item.offerId))),
      ),
      known
        ? h(
            'p',
            { class: 'cart-farm-total muted' },
            `상품 ${formatKrw(farm.goodsTotal)} · 배송비 ${farm.deliveryFee === 0 ? '무료' : formatKrw(farm.deliveryFee)}`,
          )
        : null,
    ),
  );
  const blocker = checkoutBlocker(current);
  // orders' own notes on lines it could not price as asked (an offer withdrawn, a limit).
  const notes = current.problems
    .filter((problem) => problem.message)
    .map((problem) => h('p', { class: 'field-error' }, problem.message));
  const parts: (Node | null)[] = [
    ...farms,
    known
      ? h(
          'dl',
          { class: 'facts cart-summary' },
          h('dt', {}, '상품 금액'),
          h('dd', {}, formatKrw(current.goodsTotal)),
          h('dt', {}, '배송비'),
          h('dd', {}, formatKrw(current.deliveryTotal)),
        )
      : h('p', { class: 'muted' }, '배송비는 주문서에서 확인할 수 있어요.'),
    h('p', { class: 'cart-total' }, `합계 ${formatKrw(current.total)}`),
    ...notes,
    blocker ? h('p', { class: 'field-error' }, blocker) : null,
    h(
      'button',
      { type: 'button', 'data-checkout': true, disabled: blocker !== null, onclick: goToCheckout },
      '주문하기',
    ),
  ];
  container.replaceChildren(...parts.filter((part): part is Node => part !== null));
}

function goToCheckout(): void {
  // Signed out, log in first; the guest cart merges at log-in and checkout opens after.
  location.assign(readSession() ? CHECKOUT : loginUrl(CHECKOUT));
}

/** The line control that has focus, so a re-render can give it back (see render). */
function focusedControl(): { offer: string; action: string } | null {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || !root?.contains(active)) return null;
  const { offer, action } = active.dataset;
  return offer && action ? { offer, action } : null;
}

/**
 * Every change redraws the list, which would drop keyboard focus to the top of the page
 * after each press of + or −. Focus goes back to the same control, or, when its line was
 * removed or the control is now disabled, to the next thing in the cart.
 */
function restoreFocus(control: { offer: string; action: string } | null): void {
  if (!control || !root) return;
  const same = root.querySelector<HTMLElement>(
    `[data-offer="${CSS.escape(control.offer)}"][data-action="${CSS.escape(control.action)}"]:not([disabled])`,
  );
  (same ?? root.querySelector<HTMLElement>('a, button:not([disabled])'))?.focus();
}

/** What to draw now: orders' last answer with this browser's quantities, or the lines alone. */
function currentView(): { current: CartView; known: boolean } {
  if (signedIn) return { current: view ?? localView([]), known: view !== null };
  const lines = readCart();
  const priced = view;
  if (priced && lines.every((line) => priced.items.some((item) => item.offerId === line.offerId))) {
    return {
      current: withQuantities(priced, new Map(lines.map((line) => [line.offerId, line.quantity]))),
      known: true,
    };
  }
  return { current: localView(lines), known: false };
}

function render(): void {
  if (!root) return;
  const focused = focusedControl();
  const { current, known } = currentView();
  draw(root, current, known);
  restoreFocus(focused);
}

let pricing: ReturnType<typeof setTimeout> | undefined;

/** A guest's cart repriced shortly after the last change (presses in a row make one call). */
function repriceSoon(): void {
  clearTimeout(pricing);
  pricing = setTimeout(async () => {
    const lines = readCart();
    if (lines.length === 0) return;
    const priced = await priceGuestCart(lines);
    if (priced) {
      view = priced;
      render();
    }
  }, 150);
}

function nextQuantity(item: CartItem, action: Action): number {
  if (action === 'remove') return 0;
  return clampQuantity(item.quantity + (action === 'more' ? 1 : -1), item.perOrderLimit);
}

async function change(item: CartItem, action: Action): Promise<void> {
  const quantity = nextQuantity(item, action);
  if (!signedIn) {
    const lines = readCart().flatMap((line) =>
      line.offerId !== item.offerId ? [line] : quantity === 0 ? [] : [{ ...line, quantity }],
    );
    writeCart(lines); // redraws through onCartChange
    return;
  }
  if (!view) return;
  const quantities = new Map(view.items.map((line) => [line.offerId, line.quantity]));
  if (quantity === 0) quantities.delete(item.offerId);
  else quantities.set(item.offerId, quantity);
  view = withQuantities(view, quantities);
  render();
  const answer = quantity === 0 ? await removeServerItem(item.offerId) : await setServerQuantity(item, quantity);
  if (answer.ok) {
    view = answer.view;
    say(status, '');
  } else {
    say(status, purchaseProblemText(answer.answer.status, answer.answer.problem));
    const fresh = await syncServerCart();
    if (fresh.ok) view = fresh.view;
  }
  render();
}

async function start(): Promise<void> {
  render();
  if (signedIn) {
    const answer = await syncServerCart();
    if (answer.ok) {
      view = answer.view;
      render();
      return;
    }
    // The session ended, or orders cannot be reached: the browser's lines (kept when a merge
    // fails) are shown and priced as a guest's until the next visit merges them.
    signedIn = false;
    if (answer.answer.status !== 401) say(status, purchaseProblemText(answer.answer.status, answer.answer.problem));
    render();
  }
  repriceSoon();
}

if (root) {
  onCartChange(() => {
    render();
    if (!signedIn) repriceSoon();
  });
  void start();
}
