/** @jsxImportSource hono/jsx/dom */
import { useCallback, useEffect, useState } from 'hono/jsx/dom';
import { type FarmFulfilment, readFarmFulfilments } from '../answers/orders.ts';
import { api, messageOf, readAnswer } from './api.ts';
import { FulfilmentCard } from './fulfilment-card.tsx';
import { fulfilmentStatusName, seoulToday } from './purchase-text.ts';
import { Loading, Notice } from './ui.tsx';

const STATUSES = ['paid', 'preparing', 'shipped', 'delivered', 'cancelled'];

/** The orders to pack for a dispatch date (today by default), with packing, shortages and cancellation requests. */
export function FulfilmentsPage(props: { farmId: string }) {
  const [dispatchDate, setDispatchDate] = useState(seoulToday());
  const [status, setStatus] = useState('');
  const [items, setItems] = useState<FarmFulfilment[] | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const load = useCallback(async () => {
    const query = new URLSearchParams({ dispatchDate });
    if (status) query.set('status', status);
    try {
      const answer = await api('orders', `/v1/farms/${props.farmId}/fulfilments?${query.toString()}`);
      setItems(readAnswer(readFarmFulfilments, answer));
    } catch (failure) {
      setItems([]);
      setMessage({ kind: 'error', text: messageOf(failure) });
    }
  }, [props.farmId, dispatchDate, status]);
  useEffect(() => {
    setItems(null);
    void load();
  }, [load]);

  const changed = async (text: string) => {
    setMessage({ kind: 'ok', text });
    await load();
  };
  const boxes = (items ?? []).reduce(
    (sum, fulfilment) => sum + fulfilment.lines.reduce((lines, line) => lines + line.quantity, 0),
    0,
  );

  return (
    <>
      <form class="console-filters" aria-label="주문 거르기" onSubmit={(event: Event) => event.preventDefault()}>
        <div class="field">
          <label for="fulfilments-date">출고일</label>
          <input
            id="fulfilments-date"
            type="date"
            value={dispatchDate}
            onChange={(event: Event) =>
              setDispatchDate((event.currentTarget as HTMLInputElement).value || seoulToday())
            }
          />
        </div>
        <div class="field">
          <label for="fulfilments-status">상태</label>
          <select
            id="fulfilments-status"
            onChange={(event: Event) => setStatus((event.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">전체</option>
            {STATUSES.map((value) => (
              <option value={value} selected={status === value}>
                {fulfilmentStatusName(value)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        message?.kind === 'error' ? null : (
          <Notice kind="info">이 날 보낼 주문이 없어요. 출고일이나 상태를 바꿔 보세요.</Notice>
        )
      ) : (
        <>
          <p class="muted" data-fulfilment-count>
            주문 {items.length.toLocaleString('ko-KR')}건 · {boxes.toLocaleString('ko-KR')}상자.{' '}
            <a href="/farmer/shipping/">출고·송장</a>에서 포장 목록과 라벨을 봐요.
          </p>
          <ul class="cards" data-fulfilments>
            {items.map((fulfilment) => (
              <FulfilmentCard key={fulfilment.id} farmId={props.farmId} fulfilment={fulfilment} onChanged={changed} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}
