import type { Page } from 'playwright-core';

/** An address no other run or test uses (identity never says whether an email is taken). */
export const uniqueEmail = (label: string): string =>
  `${label}-${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 8)}@example.kr`;

/** The shopper's view of a cart line as the product page's button carries it. */
export interface AddedLine {
  name: string;
  offerId: string;
}

/** Presses the first offer's 담기 that can be bought, on a product page. */
export async function addFirstOfferToCart(page: Page): Promise<AddedLine> {
  const button = page.locator('button[data-offer]:not([disabled])').first();
  const data = JSON.parse((await button.getAttribute('data-offer')) ?? '{}') as Partial<AddedLine>;
  await button.click();
  return { name: data.name ?? '', offerId: data.offerId ?? '' };
}

/** The header's cart badge: the number of boxes, or null while it is hidden (empty cart). */
export async function cartCount(page: Page): Promise<string | null> {
  const badge = page.locator('[data-cart-count]');
  return (await badge.isHidden()) ? null : await badge.textContent();
}
