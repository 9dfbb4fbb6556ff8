import { apiFile } from './api.ts';
import { download } from './csv-download.ts';

export type LabelFormat = 'thermal' | 'a4';

/**
 * Opens the day's shipping labels to print. logistics renders them as an HTML page that
 * needs the farmer's token, which a plain link cannot send: the page is fetched with it
 * and shown from a blob. The window is opened at the click (later, a popup blocker would
 * stop it) and pointed at the labels once they arrive; with popups blocked, the page is
 * downloaded instead, to open and print from the downloads.
 */
export async function openLabels(
  farmId: string,
  dispatchDate: string,
  format: LabelFormat,
): Promise<'opened' | 'downloaded'> {
  const opened = window.open('', '_blank');
  // The labels page gets no handle on the console (and the farmer's session) through its opener.
  if (opened) opened.opener = null;
  try {
    const query = new URLSearchParams({ dispatchDate, format });
    const page = await apiFile('logistics', `/v1/farms/${farmId}/labels?${query.toString()}`, 'text/html');
    const html = new Blob([page], { type: 'text/html;charset=utf-8' });
    if (!opened) {
      download(html, `라벨-${dispatchDate}-${format === 'a4' ? 'A4' : '100x150'}.html`);
      return 'downloaded';
    }
    const url = URL.createObjectURL(html);
    opened.location.href = url;
    // The window has loaded it (or will within this minute); the URL is not needed after.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return 'opened';
  } catch (failure) {
    opened?.close();
    throw failure;
  }
}
