import { apiFile, serviceBase } from './api.ts';
import { download } from './csv-download.ts';

export type LabelFormat = 'thermal' | 'a4';

/**
 * A window the console opens and writes keeps the console's Content-Security-Policy, which
 * refuses the label page's inline <style>; it loads a stylesheet from our own origin, so the
 * same rules come from the copy logistics serves. (The downloaded file, opened from disk,
 * has no CSP and uses the inline copy.)
 */
function linkStyles(page: Document, format: LabelFormat): void {
  const link = page.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL(`${serviceBase('logistics')}/v1/labels/styles/${format}`, location.href).href;
  page.head.append(link);
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
    linkStyles(opened.document, format);
    // The labels get no handle on the console (and the farmer's session) through their opener.
    opened.opener = null;
    opened.focus();
    return 'opened';
  } catch (failure) {
    opened?.close();
    throw failure;
  }
}
