/** One line of the cart, with what the shopper saw when adding it (refreshed on the cart page). */
export interface CartLine {
  offerId: string;
  productId: string;
  name: string;
  grade: string;
  box: string;
  priceKrw: number;
  quantity: number;
  perOrderLimit: number | null;
  url: string;
}

const KEY = 'fruitables.cart.v1';
/** How many boxes the signed-in shopper's server cart holds, for the header badge on every page. */
const SERVER_COUNT_KEY = 'fruitables.cart.server-count.v1';
const CHANGED = 'fruitables:cart';

function isLine(value: unknown): value is CartLine {
  if (typeof value !== 'object' || value === null) return false;
  const line = value as Record<string, unknown>;
  return typeof line.offerId === 'string' && typeof line.priceKrw === 'number' && typeof line.quantity === 'number';
}

/** The cart lives in this browser only (localStorage): nothing personal is ever in a cached page. */
export function readCart(): CartLine[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isLine) : [];
  } catch {
    return [];
  }
}

export function writeCart(lines: CartLine[]): void {
  localStorage.setItem(KEY, JSON.stringify(lines));
  window.dispatchEvent(new Event(CHANGED));
}

export function addToCart(line: CartLine): CartLine[] {
  const lines = readCart();
  const existing = lines.find((item) => item.offerId === line.offerId);
  if (existing) {
    existing.quantity = clampQuantity(existing.quantity + line.quantity, line.perOrderLimit);
    Object.assign(existing, { ...line, quantity: existing.quantity });
  } else {
    lines.push({ ...line, quantity: clampQuantity(line.quantity, line.perOrderLimit) });
  }
  writeCart(lines);
  return lines;
}

export function clampQuantity(quantity: number, limit: number | null): number {
  const max = limit ?? 99;
  return Math.max(1, Math.min(max, Math.floor(quantity)));
}

export const cartCount = (lines: CartLine[]): number => lines.reduce((sum, line) => sum + line.quantity, 0);

/**
 * Signed in, the cart lives on the server (orders); pages would have to ask it for the badge
 * on every view. The count it last answered is kept here instead, beside the browser's own
 * lines (those added and not yet merged), and the badge shows their sum.
 */
export function readServerCartCount(): number {
  const count = Number(localStorage.getItem(SERVER_COUNT_KEY) ?? '0');
  return Number.isInteger(count) && count > 0 ? count : 0;
}

export function writeServerCartCount(count: number | null): void {
  if (count === null || count <= 0) localStorage.removeItem(SERVER_COUNT_KEY);
  else localStorage.setItem(SERVER_COUNT_KEY, String(count));
  window.dispatchEvent(new Event(CHANGED));
}

/** Runs `listener` when the cart changes here or in another tab. */
export function onCartChange(listener: () => void): void {
  window.addEventListener(CHANGED, listener);
  window.addEventListener('storage', (event) => {
    if (event.key === KEY || event.key === SERVER_COUNT_KEY) listener();
  });
}
