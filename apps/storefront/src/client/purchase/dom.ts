/** Attributes of `h`: strings become attributes, functions `on…` listeners, false/null nothing. */
type Attributes = Record<string, string | boolean | null | undefined | ((event: Event) => void)>;
type Child = Node | string | null | undefined | false;

/**
 * A small element builder for the shop's plain-module islands (the console uses hono/jsx/dom;
 * these pages stay a few kilobytes). Text is always set as text, never parsed as markup, so
 * names and messages from the APIs cannot inject anything.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** Says `message` in the page's live status line (and clears it with an empty string). */
export function say(target: HTMLElement | null, message: string): void {
  if (target) target.textContent = message;
}
