import type { TrackedShipment } from './answers/logistics.ts';
import { type Fulfilment, type OrderView, readOrder, readOrderPage } from './answers/orders.ts';
import { type PaymentResponse, readPayment } from './answers/payments.ts';
import { formatKrw } from './config.ts';
import { h, say } from './purchase/dom.ts';
import { callApi, loginUrl } from './purchase/http.ts';
import { followTracking } from './purchase/live-tracking.ts';
import { drawOrder, drawTracking, type FulfilmentActions } from './purchase/order-view.ts';
import { labelOf, orderStatusLabels, seoulTime } from './purchase/order-words.ts';
import { purchaseProblemText } from './purchase/problem-text.ts';
import { readSession } from './session-store.ts';

// My orders (/account/orders/) and one order (?id=…): status, each farm's part with its
// lines, lots and delivery date, refunds, cancel and 구매확정, and a live timeline.

const root = document.querySelector<HTMLElement>('[data-orders]');
const title = document.querySelector<HTMLElement>('[data-orders-title]');
const status = document.querySelector<HTMLElement>('[data-orders-status]');
/** Fulfilments no courier moves any more: no need to follow them. */
const SETTLED = new Set(['delivered', 'completed', 'cancelled']);

async function showList(cursor: string | null, list: HTMLUListElement | null): Promise<void> {
  if (!root) return;
  const answer = await callApi('orders', `/v1/orders${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, {
    signedIn: true,
  });
  if (answer.status === 401) return location.replace(loginUrl());
  const page = answer.status === 200 ? readOrderPage(answer.body) : null;
  if (!page) return say(status, purchaseProblemText(answer.status, answer.problem));
  const target = list ?? h('ul', { class: 'order-list' });
  if (!list) {
    root.replaceChildren(
      page.items.length === 0
        ? h('p', {}, '아직 주문이 없어요. ', h('a', { href: '/fruits/' }, '제철 과일 보러 가기'))
        : target,
    );
  }
  root.querySelector('[data-more-orders]')?.remove();
  for (const order of page.items) {
    target.append(
      h(
        'li',
        { class: 'order-card' },
        h('a', { href: `/account/orders/?id=${encodeURIComponent(order.id)}` }, order.orderName || order.orderNumber),
        h('span', { class: 'status-badge' }, labelOf(orderStatusLabels, order.status)),
        h(
          'span',
          { class: 'muted' },
          ` ${formatKrw(order.amount)} · ${seoulTime(order.placedAt)} · ${order.orderNumber}`,
        ),
      ),
    );
  }
  if (page.nextCursor) {
    const next = page.nextCursor;
    const more = h('button', { type: 'button', 'data-more-orders': true, class: 'button-secondary' }, '더 보기');
    more.addEventListener('click', () => void showList(next, target));
    root.append(more);
  }
}

async function showOrder(orderId: string): Promise<void> {
  if (!root) return;
  const path = `/v1/orders/${encodeURIComponent(orderId)}`;
  let order: OrderView | null = null;
  let payment: PaymentResponse | null = null;
  const shipments = new Map<string, TrackedShipment>();
  let stop: (() => void) | null = null;

  const load = async (): Promise<boolean> => {
    const answer = await callApi('orders', path, { signedIn: true });
    if (answer.status === 401) {
      location.replace(loginUrl());
      return false;
    }
    const fresh = answer.status === 200 ? readOrder(answer.body) : null;
    if (!fresh) {
      root.replaceChildren(
        h(
          'p',
          {},
          answer.status === 404 ? '주문을 찾을 수 없어요.' : purchaseProblemText(answer.status, answer.problem),
        ),
        h('a', { href: '/account/orders/' }, '주문 내역으로'),
      );
      return false;
    }
    order = fresh;
    // A virtual account issued but not yet paid into: its details, instead of "pay again".
    if (fresh.status === 'awaiting_payment') {
      const paid = await callApi('payments', `/v1/orders/${encodeURIComponent(orderId)}/payment`, { signedIn: true });
      payment = paid.status === 200 ? readPayment(paid.body) : null;
    }
    draw();
    return true;
  };

  const act = async (what: Promise<{ status: number; body: unknown; problem: unknown }>, done: string) => {
    const answer = await what;
    if (answer.status === 200 || answer.status === 202) {
      say(status, answer.status === 202 ? '취소를 요청했어요. 농장에서 확인하면 알려 드릴게요.' : done);
      await load();
    } else {
      say(status, purchaseProblemText(answer.status, answer.problem as Parameters<typeof purchaseProblemText>[1]));
      draw();
    }
  };

  const actions: FulfilmentActions = {
    cancel: (fulfilment: Fulfilment, reason: string) =>
      void act(
        callApi('orders', `${path}/fulfilments/${encodeURIComponent(fulfilment.id)}/cancel`, {
          method: 'POST',
          body: { reason },
          signedIn: true,
        }),
        `${fulfilment.farmName} 주문을 취소했어요. 결제한 금액은 바로 환불돼요.`,
      ),
    confirm: (fulfilment: Fulfilment) =>
      void act(
        callApi('orders', `${path}/fulfilments/${encodeURIComponent(fulfilment.id)}/confirm`, {
          method: 'POST',
          signedIn: true,
        }),
        '구매를 확정했어요. 맛있게 드세요!',
      ),
  };

  function draw(): void {
    if (!order || !root) return;
    drawOrder(root, order, actions, payment);
    for (const fulfilment of order.fulfilments) redrawTracking(fulfilment);
  }

  function redrawTracking(fulfilment: Fulfilment): void {
    const box = root?.querySelector<HTMLElement>(`[data-tracking="${CSS.escape(fulfilment.id)}"]`);
    if (box) drawTracking(box, fulfilment, shipments.get(fulfilment.id));
  }

  if (title) title.textContent = '주문 상세';
  document.title = '주문 상세 | 프루터블즈';
  if (!(await load())) return;
  const current = order as OrderView | null;
  if (!current || current.status === 'awaiting_payment' || current.fulfilments.every((f) => SETTLED.has(f.status)))
    return;
  stop = followTracking(orderId, (shipment) => {
    const before = shipments.get(shipment.fulfilmentId)?.status;
    shipments.set(shipment.fulfilmentId, shipment);
    const fulfilment = order?.fulfilments.find((f) => f.id === shipment.fulfilmentId);
    if (fulfilment) redrawTracking(fulfilment);
    // Delivered: the order itself moves on (구매확정 becomes possible).
    if (before !== shipment.status && shipment.status === 'delivered') void load();
  });
  window.addEventListener('pagehide', () => stop?.());
}

if (root) {
  if (!readSession()) location.replace(loginUrl());
  else {
    const orderId = new URL(location.href).searchParams.get('id');
    void (orderId ? showOrder(orderId) : showList(null, null));
  }
}
