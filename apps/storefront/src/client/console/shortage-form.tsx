/** @jsxImportSource hono/jsx/dom */
import { useState } from 'hono/jsx/dom';
import type { FarmFulfilment } from '../answers/orders.ts';
import { api, messageOf } from './api.ts';
import { cropFailurePolicyName, shortageOutcome } from './purchase-text.ts';
import { Notice } from './ui.tsx';

const REASONS = ['수확량이 모자라요', '품질 검사를 통과하지 못했어요', '날씨 피해(우박·태풍·냉해)', '병해충 피해'];

/**
 * The farm comes up short: per line how many boxes it cannot send, and why. Each line
 * says what the shopper's crop-failure choice will do, before the farmer sends it.
 */
export function ShortageForm(props: {
  farmId: string;
  fulfilment: FarmFulfilment;
  onDone: (message: string) => Promise<void>;
  onCancel: () => void;
}) {
  const { fulfilment } = props;
  const [short, setShort] = useState<Record<string, number>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const scope = `shortage-${fulfilment.id}`;

  const submit = async (event: Event) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget as HTMLFormElement).get('reason') ?? '').trim();
    const lines = fulfilment.lines
      .map((line) => ({ lineId: line.id, shortQuantity: short[line.id] ?? 0 }))
      .filter((line) => line.shortQuantity > 0);
    if (lines.length === 0) {
      setError('모자란 상자 수를 한 줄 이상 적어 주세요.');
      return;
    }
    if (!reason) {
      setError('부족 사유를 적어 주세요. 손님에게 함께 알려요.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api('orders', `/v1/farms/${props.farmId}/fulfilments/${fulfilment.id}/shortages`, {
        method: 'POST',
        body: { lines, reason },
      });
      await props.onDone(`주문 ${fulfilment.orderNumber}의 부족을 신고했어요. 손님이 고른 방식대로 처리하고 알려요.`);
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  };

  return (
    <form
      class="inline-form"
      onSubmit={submit}
      data-shortage-form
      aria-label={`주문 ${fulfilment.orderNumber} 부족 신고`}
    >
      {fulfilment.lines.map((line) => {
        const id = `${scope}-${line.id}`;
        const count = short[line.id] ?? 0;
        return (
          <div class="field" key={line.id}>
            <label for={id}>{line.title} 부족한 상자</label>
            <input
              id={id}
              type="number"
              inputmode="numeric"
              min={0}
              max={line.quantity}
              value={String(count)}
              aria-describedby={`${id}-outcome`}
              onInput={(event: Event) => {
                const value = Number((event.currentTarget as HTMLInputElement).value);
                const clamped = Number.isInteger(value) ? Math.min(Math.max(value, 0), line.quantity) : 0;
                setShort({ ...short, [line.id]: clamped });
              }}
            />
            <span id={`${id}-outcome`} class="muted" data-shortage-outcome={line.title}>
              {line.quantity}상자 중 · 손님의 선택: {cropFailurePolicyName(line.cropFailurePolicy)}
              {count > 0 ? ` → ${shortageOutcome(line.cropFailurePolicy, count)}` : ''}
            </span>
          </div>
        );
      })}
      <div class="field">
        <label for={`${scope}-reason`}>부족 사유</label>
        <input id={`${scope}-reason`} name="reason" list={`${scope}-reasons`} maxlength={200} autocomplete="off" />
        <datalist id={`${scope}-reasons`}>
          {REASONS.map((reason) => (
            <option value={reason} />
          ))}
        </datalist>
      </div>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <p class="actions">
        <button type="submit" class="danger" disabled={busy}>
          부족 신고하기
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          취소
        </button>
      </p>
    </form>
  );
}
