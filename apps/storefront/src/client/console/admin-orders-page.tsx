/** @jsxImportSource hono/jsx/dom */

import { orderStatuses } from '@fruitables/orders/contract/values';
import { useEffect, useState } from 'hono/jsx/dom';
import { type OrderPage, type OrderView, readOrder, readOrderPage } from '../answers/orders.ts';
import { formatKrw } from '../config.ts';
import { AdminOrderDetail } from './admin-order-detail.tsx';
import { api, messageOf, readAnswer } from './api.ts';
import { orderStatusName, seoulTime } from './purchase-text.ts';
import { Loading, Notice } from './ui.tsx';

type OrderSummary = OrderPage['items'][number];

interface Search {
  q: string;
  status: string;
}

/** Order search for support: by order number (or its start), order id or shopper id, then one whole order and a refund. */
export function AdminOrdersPage() {
  const [search, setSearch] = useState<Search>({ q: '', status: '' });
  const [items, setItems] = useState<OrderSummary[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [open, setOpen] = useState<OrderView | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const find = async (wanted: Search, cursor: string | null) => {
    const query = new URLSearchParams();
    if (wanted.q) query.set('q', wanted.q);
    if (wanted.status) query.set('status', wanted.status);
    if (cursor) query.set('cursor', cursor);
    try {
      const page = readAnswer(readOrderPage, await api('orders', `/v1/admin/orders?${query.toString()}`));
      setItems(cursor ? [...(items ?? []), ...page.items] : page.items);
      setNextCursor(page.nextCursor);
    } catch (failure) {
      setItems(items ?? []);
      setMessage({ kind: 'error', text: messageOf(failure) });
    }
  };
  useEffect(() => {
    void find(search, null);
  }, []);

  const submit = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const wanted = { q: String(form.get('q') ?? '').trim(), status: String(form.get('status') ?? '') };
    setSearch(wanted);
    setMessage(null);
    setItems(null);
    void find(wanted, null);
  };

  // The list carries summaries; the whole order (each farm's part, its refunds) is its own read.
  const show = async (order: OrderSummary) => {
    setMessage(null);
    try {
      setOpen(readAnswer(readOrder, await api('orders', `/v1/admin/orders/${order.id}`)));
    } catch (failure) {
      setMessage({ kind: 'error', text: messageOf(failure) });
    }
  };

  if (open) {
    return (
      <>
        {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
        <AdminOrderDetail
          order={open}
          onRefunded={(order, text) => {
            setOpen(order);
            setMessage({ kind: 'ok', text });
            setItems(
              (items ?? []).map((item) =>
                item.id === order.id ? { ...item, status: order.status, refundedTotal: order.refundedTotal } : item,
              ),
            );
          }}
          onClose={() => {
            setOpen(null);
            setMessage(null);
          }}
        />
      </>
    );
  }
  return (
    <>
      <form class="console-filters" aria-label="주문 찾기" onSubmit={submit}>
        <div class="field">
          <label for="orders-q">주문 검색</label>
          <input
            id="orders-q"
            name="q"
            type="search"
            value={search.q}
            placeholder="주문번호, 주문 ID, 손님 ID"
            autocomplete="off"
          />
        </div>
        <div class="field">
          <label for="orders-status">상태</label>
          <select id="orders-status" name="status">
            <option value="">전체</option>
            {orderStatuses.map((status) => (
              <option value={status} selected={search.status === status}>
                {orderStatusName(status)}
              </option>
            ))}
          </select>
        </div>
        <p class="actions">
          <button type="submit">검색</button>
        </p>
      </form>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        message?.kind === 'error' ? null : (
          <p class="muted">찾는 주문이 없어요.</p>
        )
      ) : (
        <>
          <ul class="cards" data-orders>
            {items.map((order) => (
              <li key={order.id} class="panel" data-order={order.orderNumber}>
                <h3>
                  주문 {order.orderNumber} <span class="badge">{orderStatusName(order.status)}</span>
                </h3>
                <p>
                  {order.orderName || '-'} · {formatKrw(order.amount)}
                  {order.refundedTotal > 0 ? ` (환불 ${formatKrw(order.refundedTotal)})` : ''} ·{' '}
                  {seoulTime(order.placedAt)}
                </p>
                <p class="actions">
                  <button type="button" class="secondary" onClick={() => show(order)}>
                    주문 {order.orderNumber} 보기
                  </button>
                </p>
              </li>
            ))}
          </ul>
          {nextCursor ? (
            <p class="actions">
              <button type="button" class="secondary" onClick={() => find(search, nextCursor)}>
                더 보기
              </button>
            </p>
          ) : null}
        </>
      )}
    </>
  );
}
