/** @jsxImportSource hono/jsx/dom */
import { useState } from 'hono/jsx/dom';
import type { CancelRequest, FarmFulfilment } from '../answers/orders.ts';
import { api, messageOf } from './api.ts';
import { seoulTime } from './purchase-text.ts';
import { Notice } from './ui.tsx';

/**
 * A shopper's cancellation asked after packing began: the farmer accepts (the shopper is
 * refunded) or declines with a reason the shopper reads.
 */
export function CancelRequestPanel(props: {
  farmId: string;
  fulfilment: FarmFulfilment;
  request: CancelRequest;
  onDone: (message: string) => Promise<void>;
}) {
  const { request, fulfilment } = props;
  const [declining, setDeclining] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // No line ids: the whole fulfilment.
  const which = fulfilment.lines.filter((line) => request.lineIds.includes(line.id)).map((line) => line.title);

  const decide = async (action: 'accept' | 'decline', reason: string | undefined, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await api('orders', `/v1/farms/${props.farmId}/cancel-requests/${request.id}/${action}`, {
        method: 'POST',
        body: reason ? { reason } : {},
      });
      await props.onDone(done);
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  };
  const decline = (event: Event) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget as HTMLFormElement).get('reason') ?? '').trim();
    if (!reason) {
      setError('거절 사유를 적어 주세요. 손님이 이 사유를 봐요.');
      return;
    }
    void decide('decline', reason, `주문 ${fulfilment.orderNumber}의 취소 요청을 거절했어요.`);
  };

  return (
    <section class="cancel-request" data-cancel-request aria-label={`주문 ${fulfilment.orderNumber} 취소 요청`}>
      <h4>손님의 취소 요청</h4>
      <p>
        {which.length > 0 ? `${which.join(', ')} 취소` : '주문 전체 취소'} · {seoulTime(request.createdAt)}
        {request.reason ? ` · 사유: ${request.reason}` : ''}
      </p>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {declining ? (
        <form class="inline-form" onSubmit={decline}>
          <label for={`decline-${request.id}`}>거절 사유 (손님에게 보여요)</label>
          <textarea id={`decline-${request.id}`} name="reason" rows={2} maxlength={500} />
          <p class="actions">
            <button type="submit" class="danger" disabled={busy}>
              거절하기
            </button>
            <button type="button" class="secondary" onClick={() => setDeclining(false)}>
              돌아가기
            </button>
          </p>
        </form>
      ) : (
        <p class="actions">
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              decide('accept', undefined, `주문 ${fulfilment.orderNumber}의 취소를 승인했어요. 손님에게 환불해요.`)
            }
          >
            취소 승인
          </button>
          <button type="button" class="secondary" disabled={busy} onClick={() => setDeclining(true)}>
            취소 거절
          </button>
        </p>
      )}
    </section>
  );
}
