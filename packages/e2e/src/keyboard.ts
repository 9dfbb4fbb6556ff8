import type { Page } from 'playwright-core';

/** What has keyboard focus, described the way a screen reader user would tell it apart. */
export interface Focused {
  tag: string;
  id: string;
  /** The accessible name: aria-label, else the visible text. */
  name: string;
  /** The focus ring: `outline-style outline-width`, e.g. `solid 3px`. */
  outline: string;
  /** Whether the element is inside the page's viewport (a skip link moved on screen). */
  onScreen: boolean;
}

export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!(element instanceof HTMLElement)) return { tag: '', id: '', name: '', outline: '', onScreen: false };
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {
      tag: element.tagName.toLowerCase(),
      id: element.id,
      name: (element.getAttribute('aria-label') ?? element.textContent ?? '').replace(/\s+/g, ' ').trim(),
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
      onScreen: box.right > 0 && box.bottom > 0 && box.left < window.innerWidth,
    };
  });
}

/** The accessible names of the next `count` stops of the Tab key, from where focus is now. */
export async function tabOrder(page: Page, count: number): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    names.push(now.id ? `#${now.id}` : now.name);
  }
  return names;
}

/** Presses Tab until `wanted` says the focused element is the one, or gives up after `max` presses. */
export async function tabUntil(page: Page, wanted: (now: Focused) => boolean, max = 60): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (wanted(now)) return now;
  }
  throw new Error(`no element matched within ${max} presses of Tab`);
}
