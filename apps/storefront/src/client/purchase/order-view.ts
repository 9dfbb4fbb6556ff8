import { paths } from '../../site/paths.ts';
import type { TrackedShipment } from '../answers/logistics.ts';
import type { Fulfilment, OrderLine, OrderView } from '../answers/orders.ts';
import type { PaymentResponse } from '../answers/payments.ts';
import { formatKrw } from '../config.ts';
import { h } from './dom.ts';
import {
  carrierLabels,
  labelOf,
  lineStatusNote,
  orderStatusLabels,
  policyLabels,
  refundReasonLabels,
  seoulDate,
  seoulTime,
  shipmentStatusLabels,
} from './order-words.ts';

/** What the shopper can do to a fulfilment; the page wires these to the API. */
export interface FulfilmentActions {
  cancel(fulfilment: Fulfilment, reason: string): void;
  confirm(fulfilment: Fulfilment): void;
}

const CANCEL_REASONS = ['단순 변심', '배송일이 맞지 않아요', '주문을 잘못했어요', '기타'];

function lineItem(fulfilment: Fulfilment, line: OrderLine) {
  return h(
    'li',
    {},
    `${line.title} × ${line.quantity}상자 `,
    h('span', { class: 'price' }, formatKrw(line.lineTotal)),
    lineStatusNote(line.status) && line.status !== fulfilment.status
      ? h('span', { class: 'muted' }, ` · ${lineStatusNote(line.status)}`)
      : null,
    h('br'),
    h('span', { class: 'muted' }, labelOf(policyLabels, line.cropFailurePolicy)),
    line.lots.flatMap((lot) => [
      h('br'),
      h(
        'a',
        { href: paths.lot(fulfilment.farmId, lot.lotCode) },
        `로트 ${lot.lotCode} · ${lot.quantity}상자 이력 보기`,
      ),
    ]),
  );
}

/** The fulfilment's steps and its courier's events together, oldest first, in Seoul time. */
export function timelineEntries(fulfilment: Fulfilment, shipment: TrackedShipment | undefined) {
  const steps = fulfilment.timeline.map((entry) => ({
    at: entry.at,
    text: [labelOf(orderStatusLabels, entry.status), entry.note].filter(Boolean).join(' · '),
  }));
  const events = (shipment?.events ?? []).map((event) => {
    const label = labelOf(shipmentStatusLabels, event.status);
    // The courier's own words when they add something to the status ("집화 처리"), once.
    const description = event.description === label ? null : event.description;
    return { at: event.at, text: [label, description, event.location].filter(Boolean).join(' · ') };
  });
  return [...steps, ...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

const MOVING = new Set(['at_pickup', 'in_transit', 'out_for_delivery']);

/**
 * The fulfilment's status as the courier's latest event makes it: orders moves it to shipped
 * at the first scan and to delivered at the last, a moment after logistics tells the page, so
 * the badge follows the courier live instead of waiting for a reload.
 */
export function liveFulfilmentStatus(status: string, shipmentStatus: string | null): string {
  if (shipmentStatus && MOVING.has(shipmentStatus) && (status === 'paid' || status === 'preparing')) return 'shipped';
  if (shipmentStatus === 'delivered' && ['paid', 'preparing', 'shipped'].includes(status)) return 'delivered';
  return status;
}

function statusBadge(status: string) {
  return h('span', { class: 'status-badge', 'data-fulfilment-status': status }, labelOf(orderStatusLabels, status));
}

/** Redraws one fulfilment's timeline, courier line and status badge (the live part of the page). */
export function drawTracking(container: HTMLElement, fulfilment: Fulfilment, shipment: TrackedShipment | undefined) {
  const carrier = shipment?.carrierId ?? fulfilment.shipment?.carrierId ?? null;
  const number = shipment?.trackingNumber ?? fulfilment.shipment?.trackingNumber ?? null;
  const status = shipment?.status ?? fulfilment.shipment?.status ?? null;
  container
    .closest('[data-fulfilment]')
    ?.querySelector('[data-fulfilment-status]')
    ?.replaceWith(statusBadge(liveFulfilmentStatus(fulfilment.status, status)));
  container.replaceChildren(
    status
      ? h(
          'p',
          {},
          h('strong', { 'data-shipment-status': status }, labelOf(shipmentStatusLabels, status)),
          carrier ? ` · ${labelOf(carrierLabels, carrier)}` : '',
          number ? ` ${number}` : '',
        )
      : '',
    h(
      'ol',
      { class: 'timeline' },
      timelineEntries(fulfilment, shipment).map((entry) =>
        h('li', {}, h('time', { datetime: entry.at }, seoulTime(entry.at)), entry.text),
      ),
    ),
  );
}

function cancelControls(fulfilment: Fulfilment, actions: FulfilmentActions) {
  const selectId = `cancel-reason-${fulfilment.id}`;
  const form = h(
    'form',
    { class: 'cancel-form', hidden: true },
    h('label', { for: selectId }, '취소 사유'),
    h(
      'select',
      { id: selectId, name: 'reason' },
      CANCEL_REASONS.map((reason) => h('option', { value: reason }, reason)),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit' }, '취소 확정'),
      h('button', { type: 'button', class: 'button-secondary', 'data-cancel-dismiss': true }, '그만두기'),
    ),
  );
  const open = h('button', { type: 'button', class: 'button-secondary' }, `${fulfilment.farmName} 주문 취소`);
  open.addEventListener('click', () => {
    form.hidden = false;
    open.hidden = true;
    form.querySelector('select')?.focus();
  });
  form.querySelector('[data-cancel-dismiss]')?.addEventListener('click', () => {
    form.hidden = true;
    open.hidden = false;
    open.focus();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const button of form.querySelectorAll('button')) button.disabled = true;
    actions.cancel(fulfilment, (form.querySelector('select') as HTMLSelectElement).value);
  });
  return [open, form];
}

/** A gift recipient who types their own address: the link to forward while it works, else where it stands. */
function addressLinkNote(fulfilment: Fulfilment) {
  const link = fulfilment.addressLink;
  if (!link) return null;
  if (link.given) return h('p', { class: 'muted' }, '받는 분이 주소를 입력했어요.');
  if (!link.token) return null;
  const url = `${location.origin}${paths.giftAddress}?token=${encodeURIComponent(link.token)}`;
  return h(
    'p',
    { 'data-address-link': fulfilment.id },
    `받는 분께 이 링크를 보내 주세요 (${seoulTime(link.dueAt)}까지 주소 입력, 지나면 그분 몫은 취소·환불돼요): `,
    h('a', { href: url }, url),
  );
}

function fulfilmentCard(order: OrderView, fulfilment: Fulfilment, actions: FulfilmentActions) {
  const tracking = h('div', { 'data-tracking': fulfilment.id });
  drawTracking(tracking, fulfilment, undefined);
  const refunds = order.refunds.filter((refund) => refund.fulfilmentId === fulfilment.id);
  return h(
    'section',
    { class: 'order-card', 'data-fulfilment': fulfilment.id },
    h('h2', {}, fulfilment.farmName || '농장'),
    h('p', {}, statusBadge(fulfilment.status)),
    fulfilment.deliveryDate ? h('p', {}, `도착 예정 ${seoulDate(fulfilment.deliveryDate)}`) : null,
    fulfilment.recipientName ? h('p', {}, `받는 분 ${fulfilment.recipientName}`) : null,
    addressLinkNote(fulfilment),
    h(
      'ul',
      { class: 'checkout-lines' },
      fulfilment.lines.map((line) => lineItem(fulfilment, line)),
    ),
    h(
      'p',
      { class: 'muted' },
      `상품 ${formatKrw(fulfilment.goodsAmount)} · 배송비 ${fulfilment.deliveryFee === 0 ? '무료' : formatKrw(fulfilment.deliveryFee)}`,
    ),
    refunds.map((refund) =>
      h(
        'p',
        {},
        `환불 ${formatKrw(refund.amount)} · ${labelOf(refundReasonLabels, refund.reason)} · ${seoulTime(refund.at)}`,
      ),
    ),
    tracking,
    h(
      'div',
      { class: 'actions' },
      fulfilment.cancellable ? cancelControls(fulfilment, actions) : null,
      fulfilment.status === 'delivered'
        ? h(
            'button',
            { type: 'button', 'data-confirm-purchase': fulfilment.id, onclick: () => actions.confirm(fulfilment) },
            '구매확정',
          )
        : null,
    ),
  );
}

/** What an order awaiting payment offers: the virtual account to pay into, or paying (again). */
function awaitingPayment(order: OrderView, payment: PaymentResponse | null) {
  const account = payment?.status === 'waiting_for_deposit' ? payment.virtualAccount : null;
  if (account) {
    return h(
      'p',
      { class: 'done-box', 'data-virtual-account': true },
      `입금을 기다리고 있어요: ${account.bankName} ${account.accountNumber}, ${seoulTime(account.dueDate)}까지 ${formatKrw(order.amount)}`,
    );
  }
  return h(
    'p',
    {},
    order.expiresAt ? `${seoulTime(order.expiresAt)}까지 결제해 주세요. ` : '',
    h('a', { class: 'button', href: `${paths.checkout}?pay=${encodeURIComponent(order.id)}` }, '결제하기'),
  );
}

/** The whole order page: what was bought, from which farms, what it cost, and where it is now. */
export function drawOrder(
  container: HTMLElement,
  order: OrderView,
  actions: FulfilmentActions,
  payment: PaymentResponse | null = null,
): void {
  const orderRefunds = order.refunds.filter((refund) => refund.fulfilmentId === null);
  container.replaceChildren(
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, '주문번호'),
      h('dd', { 'data-order-number': true }, order.orderNumber),
      h('dt', {}, '주문일'),
      h('dd', {}, seoulTime(order.placedAt)),
      h('dt', {}, '상태'),
      h(
        'dd',
        {},
        h(
          'span',
          { class: 'status-badge', 'data-order-status': order.status },
          labelOf(orderStatusLabels, order.status),
        ),
      ),
      h('dt', {}, '결제 금액'),
      h('dd', { class: 'price' }, formatKrw(order.amount)),
      order.refundedTotal > 0 ? h('dt', {}, '환불 금액') : null,
      order.refundedTotal > 0 ? h('dd', { class: 'price' }, formatKrw(order.refundedTotal)) : null,
    ),
    order.status === 'awaiting_payment' ? awaitingPayment(order, payment) : '',
    ...order.fulfilments.map((fulfilment) => fulfilmentCard(order, fulfilment, actions)),
    ...orderRefunds.map((refund) =>
      h(
        'p',
        {},
        `환불 ${formatKrw(refund.amount)} · ${labelOf(refundReasonLabels, refund.reason)} · ${seoulTime(refund.at)}`,
      ),
    ),
    h('p', {}, h('a', { href: paths.orders }, '주문 내역으로')),
  );
}
