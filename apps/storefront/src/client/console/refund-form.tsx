/** @jsxImportSource hono/jsx/dom */
import { useState } from 'hono/jsx/dom';
import { type OrderView, readOrder } from '../answers/orders.ts';
import { formatKrw } from '../config.ts';
import { api, messageOf, readAnswer } from './api.ts';
import { refundable } from './refundable.ts';
import { Notice } from './ui.tsx';

interface Draft {
  fulfilmentId: string | null;
  amount: number;
  reason: string;
}

/** An admin's refund: whole order or one farm's part, an amount and a reason, confirmed once more before money moves. */
export function RefundForm(props: { order: OrderView; onRefunded: (order: OrderView, message: string) => void }) {
  const { order } = props;
  const [target, setTarget] = useState<string>('');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const most = refundable(order, target || null);

  const check = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const amount = Number(String(form.get('amount') ?? '').replaceAll(',', ''));
    const reason = String(form.get('reason') ?? '').trim();
    if (!Number.isInteger(amount) || amount <= 0) {
      setError('환불 금액을 1원 이상의 정수로 적어 주세요.');
      return;
    }
    if (amount > most) {
      setError(`환불할 수 있는 금액은 ${formatKrw(most)}까지예요.`);
      return;
    }
    if (!reason) {
      setError('환불 사유를 적어 주세요. 손님과 농장이 이 사유를 봐요.');
      return;
    }
    setError(null);
    setDraft({ fulfilmentId: target || null, amount, reason });
  };

  const refund = async (confirmed: Draft) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api('orders', `/v1/admin/orders/${order.id}/refunds`, { method: 'POST', body: confirmed });
      setDraft(null);
      props.onRefunded(readAnswer(readOrder, answer), `${formatKrw(confirmed.amount)}을 환불했어요.`);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="refund-title" data-refund>
      <h3 id="refund-title">환불</h3>
      {draft ? (
        <>
          <Notice kind="info">
            주문 {order.orderNumber}에서 <strong>{formatKrw(draft.amount)}</strong>을 환불해요. 결제 수단으로 바로
            돌려보내며 되돌릴 수 없어요.
          </Notice>
          {error ? <Notice kind="error">{error}</Notice> : null}
          <p class="actions">
            <button type="button" class="danger" disabled={busy} onClick={() => refund(draft)}>
              환불 확정
            </button>
            <button type="button" class="secondary" disabled={busy} onClick={() => setDraft(null)}>
              돌아가기
            </button>
          </p>
        </>
      ) : (
        <form class="inline-form" onSubmit={check}>
          <div class="field">
            <label for="refund-target">환불 대상</label>
            <select
              id="refund-target"
              name="fulfilmentId"
              onChange={(event: Event) => setTarget((event.currentTarget as HTMLSelectElement).value)}
            >
              <option value="" selected={target === ''}>
                주문 전체
              </option>
              {order.fulfilments.map((fulfilment) => (
                <option value={fulfilment.id} selected={target === fulfilment.id}>
                  {fulfilment.farmName || '농장'} 배송분
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="refund-amount">환불 금액 (원)</label>
            <input
              id="refund-amount"
              name="amount"
              inputmode="numeric"
              autocomplete="off"
              aria-describedby="refund-amount-help"
            />
            <span id="refund-amount-help" class="muted">
              {formatKrw(most)}까지 환불할 수 있어요.
            </span>
          </div>
          <div class="field">
            <label for="refund-reason">환불 사유</label>
            <input id="refund-reason" name="reason" maxlength={200} autocomplete="off" />
          </div>
          {error ? <Notice kind="error">{error}</Notice> : null}
          <p class="actions">
            <button type="submit" disabled={most <= 0}>
              환불하기
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
