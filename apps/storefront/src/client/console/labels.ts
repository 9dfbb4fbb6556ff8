import { apiFile } from './api.ts';
import { download } from './csv-download.ts';

export type LabelFormat = 'thermal' | 'a4';

/**
 * A window the console opens keeps the console's Content-Security-Policy, which refuses
 * inline styles: the label page's own <style> and style="" would be dropped and the labels
 * printed unstyled. Styles set through the CSSOM are not refused, so they are applied that way.
 */
function applyStyles(page: Document, view: Window): void {
  const Sheet = (view as Window & typeof globalThis).CSSStyleSheet;
  const sheets = [...page.querySelectorAll('style')].map((style) => {
    const sheet = new Sheet();
    sheet.replaceSync(style.textContent ?? '');
    return sheet;
  });
  page.adoptedStyleSheets = [...page.adoptedStyleSheets, ...sheets];
  for (const element of page.querySelectorAll<HTMLElement>('[style]')) {
    element.style.cssText = element.getAttribute('style') ?? '';
  }
}

/**
 * Opens the day's shipping labels to print. logistics renders them as an HTML page that
 * needs the farmer's token, which a plain link cannot send: the page is fetched with it and
 * written into a window opened at the click (later, a popup blocker would stop it). With
 * popups blocked, the page is downloaded instead, to open and print from the downloads.
 */
export async function openLabels(
  farmId: string,
  dispatchDate: string,
  format: LabelFormat,
): Promise<'opened' | 'downloaded'> {
  const opened = window.open('', '_blank');
  try {
    const query = new URLSearchParams({ dispatchDate, format });
    const page = await apiFile('logistics', `/v1/farms/${farmId}/labels?${query.toString()}`, 'text/html');
    const html = await page.text();
    if (!opened) {
      download(
        new Blob([html], { type: 'text/html;charset=utf-8' }),
        `라벨-${dispatchDate}-${format === 'a4' ? 'A4' : '100x150'}.html`,
      );
      return 'downloaded';
    }
    opened.document.open();
    opened.document.write(html);
    opened.document.close();
    applyStyles(opened.document, opened);
    // The labels get no handle on the console (and the farmer's session) through their opener.
    opened.opener = null;
    opened.focus();
    return 'opened';
  } catch (failure) {
    opened?.close();
    throw failure;
  }
}
