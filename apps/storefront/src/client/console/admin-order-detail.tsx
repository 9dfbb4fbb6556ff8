/** @jsxImportSource hono/jsx/dom */
import { useEffect, useRef } from 'hono/jsx/dom';
import type { OrderView } from '../answers/orders.ts';
import { formatKrw } from '../config.ts';
import { LinesTable } from './lines-table.tsx';
import { fulfilmentStatusName, orderStatusName, seoulTime, shipmentStatusName } from './purchase-text.ts';
import { RefundForm } from './refund-form.tsx';
import { shortDate } from './ui.tsx';

/** One order as support needs it: money, each farm's part with lots and shipment, refunds so far, and a refund form. */
export function AdminOrderDetail(props: {
  order: OrderView;
  onRefunded: (order: OrderView, message: string) => void;
  onClose: () => void;
}) {
  const { order } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from a list button: keyboard and screen-reader users land on the order, not at the page top.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="panel" data-order-detail={order.orderNumber} aria-labelledby="order-detail-title">
      <h2 id="order-detail-title" tabindex={-1} ref={heading}>
        주문 {order.orderNumber} <span class="badge">{orderStatusName(order.status)}</span>
      </h2>
      <dl class="facts">
        <dt>상품</dt>
        <dd>{order.orderName || '-'}</dd>
        <dt>주문 시각</dt>
        <dd>{seoulTime(order.placedAt)}</dd>
        <dt>결제 시각</dt>
        <dd>{seoulTime(order.paidAt)}</dd>
        <dt>결제 금액</dt>
        <dd>
          {formatKrw(order.amount)} (상품 {formatKrw(order.goodsTotal)} + 배송비 {formatKrw(order.deliveryTotal)})
        </dd>
        <dt>환불한 금액</dt>
        <dd data-refunded-total>{formatKrw(order.refundedTotal)}</dd>
      </dl>
      {order.fulfilments.map((fulfilment) => (
        <section key={fulfilment.id} data-order-fulfilment={fulfilment.farmName}>
          <h3>
            {fulfilment.farmName || '농장'} <span class="badge">{fulfilmentStatusName(fulfilment.status)}</span>
          </h3>
          <p>
            {shortDate(fulfilment.deliveryDate)} 도착 예정 · 상품 {formatKrw(fulfilment.goodsAmount)} · 배송비{' '}
            {formatKrw(fulfilment.deliveryFee)}
            {fulfilment.shipment
              ? ` · ${shipmentStatusName(fulfilment.shipment.status)}${fulfilment.shipment.trackingNumber ? ` (송장 ${fulfilment.shipment.trackingNumber})` : ''}`
              : ''}
          </p>
          <LinesTable withAmounts lines={fulfilment.lines} caption={`${fulfilment.farmName} 배송분의 상품`} />
        </section>
      ))}
      <h3>환불 내역</h3>
      {order.refunds.length === 0 ? (
        <p class="muted">아직 환불하지 않았어요.</p>
      ) : (
        <ul data-refunds>
          {order.refunds.map((refund) => (
            <li key={refund.id}>
              {seoulTime(refund.at)} · {formatKrw(refund.amount)} · {refund.reason || '사유 없음'}
            </li>
          ))}
        </ul>
      )}
      <RefundForm order={order} onRefunded={props.onRefunded} />
      <p class="actions">
        <button type="button" class="secondary" onClick={props.onClose}>
          목록으로
        </button>
      </p>
    </section>
  );
}
