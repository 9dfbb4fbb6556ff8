import type { StandInPayment } from './stand-in-ledger.ts';

const escapeHtml = (value: string): string =>
  value.replaceAll(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

const STYLE = `body{font-family:system-ui,sans-serif;max-width:28rem;margin:0 auto;padding:1rem;color:#191f28}
h1{font-size:1.25rem}dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{color:#4e5968}
button{display:block;width:100%;margin:.5rem 0;padding:.9rem;font-size:1rem;border-radius:.5rem;border:1px solid #3182f6;background:#fff;color:#191f28}
button:focus-visible{outline:3px solid #3182f6;outline-offset:2px}button.primary{background:#3182f6;color:#fff}
p.note{color:#4e5968;font-size:.875rem}`;

function page(title: string, body: string): Response {
  const html = `<!doctype html><html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
  return new Response(html, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action *",
    },
  });
}

export interface PageRequest {
  clientKey: string;
  orderId: string;
  amount: number;
  orderName: string;
  customerKey: string;
  successUrl: string;
  failUrl: string;
}

/** The test cards: each is one submit button of one form, so the page works with the keyboard and no script. */
export const testCards = [
  { value: 'success', label: '테스트 카드 · 결제 성공', primary: true },
  { value: 'easy-pay', label: '토스페이 · 결제 성공', primary: false },
  { value: 'limit', label: '테스트 카드 · 한도초과 (승인 거절)', primary: false },
  { value: 'virtual-account', label: '가상계좌 발급 (입금 대기)', primary: false },
  { value: 'cancel', label: '결제 취소 (창 닫기)', primary: false },
] as const;
export type TestCard = (typeof testCards)[number]['value'];

/** The stand-in's payment window: the order, and a button per test card. */
export function paymentPage(request: PageRequest): Response {
  const hidden = Object.entries(request)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(String(value))}">`)
    .join('');
  const buttons = testCards
    .map(
      (card) =>
        `<button type="submit" name="card" value="${card.value}"${card.primary ? ' class="primary" autofocus' : ''}>${card.label}</button>`,
    )
    .join('');
  return page(
    '결제하기 · 테스트 결제창',
    `<h1>테스트 결제창</h1><p class="note">실제 돈이 나가지 않는 로컬 결제창이에요 (토스페이먼츠 대역).</p>
<dl><dt>주문</dt><dd>${escapeHtml(request.orderName)}</dd><dt>결제 금액</dt><dd>${request.amount.toLocaleString('ko-KR')}원</dd></dl>
<form method="post" action="/payment-page/pay">${hidden}<fieldset><legend>결제 수단을 고르세요</legend>${buttons}</fieldset></form>`,
  );
}

/** The virtual accounts waiting for a deposit, each with its 입금 button (the bank, played by hand). */
export function depositPage(waiting: StandInPayment[]): Response {
  const rows = waiting
    .map(
      (
        payment,
      ) => `<section><h2>${escapeHtml(payment.orderName)}</h2><dl><dt>계좌</dt><dd>우리은행 ${escapeHtml(payment.virtualAccount?.accountNumber ?? '')}</dd>
<dt>금액</dt><dd>${payment.totalAmount.toLocaleString('ko-KR')}원</dd></dl>
<form method="post" action="/virtual-accounts/${encodeURIComponent(payment.paymentKey)}/deposit"><button type="submit" class="primary">입금하기</button></form></section>`,
    )
    .join('');
  return page(
    '가상계좌 입금 · 테스트 은행',
    `<h1>가상계좌 입금</h1>${rows || '<p>입금을 기다리는 가상계좌가 없어요.</p>'}`,
  );
}

export const messagePage = (title: string, message: string): Response =>
  page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
