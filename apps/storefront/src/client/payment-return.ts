import { type OrderView, readOrder } from './answers/orders.ts';
import { type ConfirmResultResponse, readConfirmResult } from './answers/payments.ts';
import { formatKrw } from './config.ts';
import { h } from './purchase/dom.ts';
import { callApi, loginUrl } from './purchase/http.ts';
import { seoulTime } from './purchase/order-words.ts';
import { paymentFailureText, purchaseProblemText } from './purchase/problem-text.ts';
import { syncServerCart } from './purchase/server-cart.ts';
import { readSession } from './session-store.ts';

// Where the payment page (Toss's, or the stand-in PG's) sends the shopper back. Success:
// payments confirms (checking the amount against the order on the server, never this query)
// and the page says 주문 완료. Fail: Toss's code in Korean, and paying again while the order
// still waits for its payment.

const root = document.querySelector<HTMLElement>('[data-payment-return]');
const title = document.querySelector<HTMLElement>('[data-payment-title]');
const query = new URL(location.href).searchParams;

const orderLink = (orderId: string) => `/account/orders/?id=${encodeURIComponent(orderId)}`;
const payAgainLink = (orderId: string) => `/checkout/?pay=${encodeURIComponent(orderId)}`;

function show(heading: string, ...children: (Node | string)[]): void {
  if (title) title.textContent = heading;
  root?.replaceChildren(...children);
  document.title = `${heading} | 프루터블즈`;
  title?.focus();
}

async function loadOrder(orderId: string): Promise<OrderView | null> {
  const answer = await callApi('orders', `/v1/orders/${encodeURIComponent(orderId)}`, { signedIn: true });
  return answer.status === 200 ? readOrder(answer.body) : null;
}

function completed(confirmation: ConfirmResultResponse, order: OrderView | null): void {
  const account = confirmation.virtualAccount;
  show(
    '주문 완료',
    h(
      'div',
      { class: 'done-box' },
      h('p', {}, '주문이 완료됐어요. 농장에서 정성껏 준비해 보내 드릴게요.'),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, '주문번호'),
        h('dd', { 'data-order-number': true }, order?.orderNumber ?? confirmation.orderId),
        h('dt', {}, account ? '입금할 금액' : '결제 금액'),
        h('dd', {}, formatKrw(confirmation.amount || order?.amount || 0)),
        account ? h('dt', {}, '입금 계좌') : null,
        account ? h('dd', { 'data-virtual-account': true }, `${account.bankName} ${account.accountNumber}`) : null,
        account ? h('dt', {}, '입금 기한') : null,
        account ? h('dd', {}, `${seoulTime(account.dueDate)}까지`) : null,
      ),
      account ? h('p', {}, '입금 기한까지 입금하면 주문이 확정돼요. 기한이 지나면 주문은 자동으로 취소돼요.') : null,
    ),
    h('p', {}, h('a', { href: orderLink(confirmation.orderId), 'data-order-link': true }, '주문 상세 보기')),
  );
}

async function confirmPayment(): Promise<void> {
  const paymentKey = query.get('paymentKey');
  const orderId = query.get('orderId');
  const amount = Number(query.get('amount'));
  if (!paymentKey || !orderId || !Number.isInteger(amount)) {
    show('결제 정보를 찾을 수 없어요', h('p', {}, '주문 내역에서 결제 상태를 확인해 주세요.'), ordersLink());
    return;
  }
  if (!readSession()) {
    location.replace(loginUrl());
    return;
  }
  // Confirming twice (a reload) is safe: payments answers the same payment again.
  const answer = await callApi('payments', '/v1/confirm', {
    method: 'POST',
    body: { paymentKey, orderId, amount },
    signedIn: true,
  });
  const confirmation = answer.status === 200 ? readConfirmResult(answer.body) : null;
  if (confirmation) {
    completed(confirmation, await loadOrder(orderId));
    // What was ordered has left the server cart: the header badge catches up.
    void syncServerCart();
    return;
  }
  const code = answer.problem?.code ?? null;
  const failure = code && answer.status === 422 ? paymentFailureText(code, answer.problem?.detail ?? null) : null;
  show(
    '결제하지 못했어요',
    h('p', {}, failure?.text ?? purchaseProblemText(answer.status, answer.problem)),
    h('p', {}, h('a', { href: payAgainLink(orderId), class: 'button' }, '다시 결제하기'), ' ', ordersLink()),
  );
}

const ordersLink = () => h('a', { href: '/account/orders/' }, '주문 내역 보기');

async function explainFailure(): Promise<void> {
  const orderId = query.get('orderId');
  const failure = paymentFailureText(query.get('code'), query.get('message'));
  const parts: Node[] = [h('p', { 'data-payment-failure': query.get('code') ?? '' }, failure.text)];
  const order = orderId && readSession() ? await loadOrder(orderId) : null;
  if (order?.status === 'awaiting_payment') {
    parts.push(
      h(
        'p',
        {},
        order.expiresAt ? `${seoulTime(order.expiresAt)}까지 결제하지 않으면 주문이 취소돼요. ` : '',
        '상품과 배송일은 그때까지 잡아 두었어요.',
      ),
      h('p', {}, h('a', { href: payAgainLink(order.id), class: 'button', 'data-pay-again': true }, '다시 결제하기')),
    );
  } else if (order) {
    parts.push(
      h('p', {}, '이 주문은 더 결제할 수 없어요. 주문 상태를 확인해 주세요.'),
      h('p', {}, h('a', { href: orderLink(order.id) }, '주문 상세 보기')),
    );
  } else if (orderId) {
    parts.push(h('p', {}, h('a', { href: payAgainLink(orderId), class: 'button' }, '다시 결제하기')));
  }
  show('결제하지 못했어요', ...parts);
}

if (root?.dataset.paymentReturn === 'success') void confirmPayment();
else if (root?.dataset.paymentReturn === 'fail') void explainFailure();
