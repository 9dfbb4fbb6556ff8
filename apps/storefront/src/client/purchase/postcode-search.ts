import { loadScript } from './load-script.ts';

// The Kakao (Daum) postcode search: a free script that opens a search window and hands back
// the 우편번호 and road address. It is only a help: the postcode and address fields are
// ordinary inputs, so a shopper types them when the script cannot load.

const POSTCODE_SCRIPT = 'https://t1.daumcdn.net/mapjsapi/bundle/postcode/prod/postcode.v2.js';

interface PostcodeResult {
  zonecode: string;
  roadAddress: string;
  address: string;
  buildingName?: string;
}

interface PostcodeApi {
  Postcode: new (options: { oncomplete: (data: PostcodeResult) => void }) => { open(): void };
}

declare global {
  interface Window {
    daum?: PostcodeApi;
    kakao?: PostcodeApi;
  }
}

/**
 * Shows `button` once the search can run; pressing it opens the search, and the chosen
 * address fills the fields through `fill`.
 */
export async function offerPostcodeSearch(
  button: HTMLButtonElement | null,
  fill: (postcode: string, address: string) => void,
): Promise<void> {
  if (!button || !(await loadScript(POSTCODE_SCRIPT))) return;
  const api = window.kakao?.Postcode ? window.kakao : window.daum;
  if (!api?.Postcode) return;
  button.hidden = false;
  button.addEventListener('click', () => {
    // Opened from the click itself, so the browser does not treat the search window as a pop-up.
    new api.Postcode({
      oncomplete: (data) => {
        const base = data.roadAddress || data.address;
        fill(data.zonecode, data.buildingName ? `${base} (${data.buildingName})` : base);
      },
    }).open();
  });
}
