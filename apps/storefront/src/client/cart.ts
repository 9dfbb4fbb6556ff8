import { type CartLine, clampQuantity, onCartChange, readCart, writeCart } from './cart-store.ts';
import { apiBase, formatKrw } from './config.ts';

interface CatalogOffer {
  id: string;
  priceKrw: number;
  stockState: string;
  perOrderLimit: number | null;
}

const root = document.querySelector<HTMLElement>('[data-cart]');
const soldOut = new Set<string>();

type Action = 'less' | 'more' | 'remove';

function button(line: CartLine, action: Action, label: string, text: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = 'button-small';
  element.textContent = text;
  element.setAttribute('aria-label', label);
  element.dataset.offer = line.offerId;
  element.dataset.action = action;
  element.addEventListener('click', onClick);
  return element;
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
 * removed, to the next thing in the cart.
 */
function restoreFocus(control: { offer: string; action: string } | null): void {
  if (!control || !root) return;
  const same = root.querySelector<HTMLElement>(
    `[data-offer="${CSS.escape(control.offer)}"][data-action="${CSS.escape(control.action)}"]`,
  );
  (same ?? root.querySelector<HTMLElement>('a, button:not([disabled])'))?.focus();
}

function update(offerId: string, change: (line: CartLine) => CartLine | null): void {
  const lines = readCart().flatMap((line) => {
    if (line.offerId !== offerId) return [line];
    const next = change(line);
    return next ? [next] : [];
  });
  writeCart(lines);
}

function render(): void {
  if (!root) return;
  const focused = focusedControl();
  draw(root);
  restoreFocus(focused);
}

function draw(container: HTMLElement): void {
  const lines = readCart();
  if (lines.length === 0) {
    const empty = document.createElement('p');
    empty.textContent = '장바구니가 비어 있어요. 제철 과일을 둘러보세요.';
    const link = document.createElement('a');
    link.href = '/fruits/';
    link.textContent = '과일 보러 가기';
    container.replaceChildren(empty, link);
    return;
  }
  const list = document.createElement('ul');
  list.className = 'cart-lines';
  for (const line of lines) {
    const item = document.createElement('li');
    item.className = 'cart-line';
    const name = document.createElement('a');
    name.href = line.url;
    name.textContent = `${line.name} · ${line.grade} · ${line.box}`;
    const price = document.createElement('span');
    price.className = 'price';
    price.textContent = formatKrw(line.priceKrw * line.quantity);
    const quantity = document.createElement('span');
    quantity.className = 'quantity';
    quantity.textContent = `${line.quantity}상자`;
    const controls = document.createElement('span');
    controls.className = 'cart-controls';
    controls.append(
      button(line, 'less', `${line.name} 한 상자 빼기`, '−', () =>
        update(line.offerId, (l) => (l.quantity > 1 ? { ...l, quantity: l.quantity - 1 } : l)),
      ),
      quantity,
      button(line, 'more', `${line.name} 한 상자 더하기`, '+', () =>
        update(line.offerId, (l) => ({ ...l, quantity: clampQuantity(l.quantity + 1, l.perOrderLimit) })),
      ),
      button(line, 'remove', `${line.name} 삭제`, '삭제', () => update(line.offerId, () => null)),
    );
    item.append(name, controls, price);
    if (soldOut.has(line.offerId)) {
      const note = document.createElement('strong');
      note.className = 'badge badge-sold_out';
      note.textContent = '품절';
      item.append(note);
    }
    list.append(item);
  }
  const total = lines.reduce((sum, line) => sum + line.priceKrw * line.quantity, 0);
  const summary = document.createElement('p');
  summary.className = 'cart-total';
  summary.textContent = `합계 ${formatKrw(total)}`;
  const checkout = document.createElement('button');
  checkout.type = 'button';
  checkout.disabled = true;
  checkout.textContent = '주문하기 (곧 열려요)';
  container.replaceChildren(list, summary, checkout);
}

/** Prices and stock change after a box was added: ask catalog (through the edge) for today's. */
async function refresh(): Promise<void> {
  const productIds = [...new Set(readCart().map((line) => line.productId))];
  const offers = new Map<string, CatalogOffer>();
  await Promise.all(
    productIds.map(async (productId) => {
      const response = await fetch(`${apiBase('catalog')}/v1/products/${encodeURIComponent(productId)}`).catch(
        () => null,
      );
      if (!response?.ok) return;
      const product = (await response.json()) as { offers?: CatalogOffer[] };
      for (const offer of product.offers ?? []) offers.set(offer.id, offer);
    }),
  );
  if (offers.size === 0) return;
  const lines = readCart().map((line) => {
    const offer = offers.get(line.offerId);
    if (!offer) return line;
    if (offer.stockState === 'sold_out') soldOut.add(line.offerId);
    return { ...line, priceKrw: offer.priceKrw, perOrderLimit: offer.perOrderLimit };
  });
  writeCart(lines);
}

if (root) {
  render();
  onCartChange(render);
  void refresh();
}
