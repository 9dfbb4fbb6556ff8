import { cartCount, onCartChange, readCart, readServerCartCount } from './cart-store.ts';
import { readSession } from './session-store.ts';

// Every page: the header's cart badge and account link are personal, so they are filled in
// here, in the browser, never in the cached HTML.
function showCart(): void {
  // Signed in, the boxes already on the server cart count too (see readServerCartCount).
  const count = cartCount(readCart()) + (readSession() ? readServerCartCount() : 0);
  for (const badge of document.querySelectorAll<HTMLElement>('[data-cart-count]')) {
    badge.textContent = count > 0 ? String(count) : '';
    badge.hidden = count === 0;
  }
}

function showAccount(): void {
  if (!readSession()) return;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-account-link]')) {
    link.href = '/account/';
    link.textContent = '내 계정';
  }
}

showCart();
showAccount();
onCartChange(showCart);
