/** @jsxImportSource hono/jsx/dom */
import { useState } from 'hono/jsx/dom';
import type { FarmFulfilment } from '../answers/orders.ts';
import { formatKrw } from '../config.ts';
import { api, messageOf } from './api.ts';
import { CancelRequestPanel } from './cancel-request-panel.tsx';
import { LinesTable } from './lines-table.tsx';
import { fulfilmentStatusName } from './purchase-text.ts';
import { ShortageForm } from './shortage-form.tsx';
import { Notice, shortDate } from './ui.tsx';

// Packing starts from a paid fulfilment; a shortage can be reported until the box leaves.
const PACKABLE = new Set(['paid']);
const SHORTABLE = new Set(['paid', 'preparing']);

/** One order's boxes for this farm: what to pack, and the farmer's actions on it. */
export function FulfilmentCard(props: {
  farmId: string;
  fulfilment: FarmFulfilment;
  onChanged: (message: string) => Promise<void>;
}) {
  const { fulfilment } = props;
  const [reporting, setReporting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pending = fulfilment.cancelRequests.filter((request) => request.status === 'pending');

  const startPacking = async () => {
    setBusy(true);
    setError(null);
    try {
      await api('orders', `/v1/farms/${props.farmId}/fulfilments/${fulfilment.id}/start-packing`, { method: 'POST' });
      await props.onChanged(`주문 ${fulfilment.orderNumber} 포장을 시작했어요. 이제 손님이 바로 취소할 수 없어요.`);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class="panel" data-fulfilment={fulfilment.orderNumber} data-fulfilment-status={fulfilment.status}>
      <h3>
        주문 {fulfilment.orderNumber} <span class="badge">{fulfilmentStatusName(fulfilment.status)}</span>
      </h3>
      <p>
        {fulfilment.recipientName} 님 · {shortDate(fulfilment.deliveryDate)} 도착 예정 · 상품{' '}
        {formatKrw(fulfilment.goodsAmount)}
      </p>
      <LinesTable lines={fulfilment.lines} caption={`주문 ${fulfilment.orderNumber}의 상품`} />
      {pending.map((request) => (
        <CancelRequestPanel
          key={request.id}
          farmId={props.farmId}
          fulfilment={fulfilment}
          request={request}
          onDone={props.onChanged}
        />
      ))}
      {error ? <Notice kind="error">{error}</Notice> : null}
      {reporting ? (
        <ShortageForm
          farmId={props.farmId}
          fulfilment={fulfilment}
          onDone={async (message) => {
            setReporting(false);
            await props.onChanged(message);
          }}
          onCancel={() => setReporting(false)}
        />
      ) : (
        <p class="actions">
          {PACKABLE.has(fulfilment.status) ? (
            <button type="button" disabled={busy} onClick={startPacking}>
              포장 시작
            </button>
          ) : null}
          {SHORTABLE.has(fulfilment.status) ? (
            <button type="button" class="secondary" disabled={busy} onClick={() => setReporting(true)}>
              부족 신고
            </button>
          ) : null}
        </p>
      )}
    </li>
  );
}
