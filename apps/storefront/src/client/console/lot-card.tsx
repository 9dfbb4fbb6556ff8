/** @jsxImportSource hono/jsx/dom */
import { useState } from 'hono/jsx/dom';
import { api, messageOf } from './api.ts';
import { FormField, formValues } from './form-field.tsx';
import { type LotRow, lotState, lotStateNames, offerName } from './inventory.ts';
import { PhotoUpload, thumbnailOf } from './photo-upload.tsx';
import { Notice, shortDate } from './ui.tsx';

type Editing = 'none' | 'adjust' | 'end';

/** One lot with its counts and the farmer's three actions: recount, end early, add photos. */
export function LotCard(props: { farmId: string; row: LotRow; onChanged: () => Promise<void> }) {
  const { lot, offer, product } = props.row;
  const [editing, setEditing] = useState<Editing>('none');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const path = `/v1/farms/${props.farmId}/lots/${lot.id}`;
  const state = lotState(lot);

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setEditing('none');
      await props.onChanged();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const adjust = (event: Event) => {
    event.preventDefault();
    const values = formValues(event.currentTarget as HTMLFormElement);
    const onHand = Number(values.onHand);
    if (!Number.isInteger(onHand) || onHand < 0) {
      setError('남은 상자 수를 0 이상의 정수로 적어 주세요.');
      return;
    }
    void act(() =>
      api('catalog', `${path}/adjustments`, {
        method: 'POST',
        body: { onHand, reason: values.reason, ...(values.note ? { note: values.note } : {}) },
      }),
    );
  };

  return (
    <li class="panel lot" data-lot={lot.lotCode} data-lot-state={state}>
      <h3>
        {lot.lotCode} <span class={`badge badge-${state}`}>{lotStateNames[state]}</span>
      </h3>
      <p>
        {offerName(product, offer)} · {shortDate(lot.harvestedOn)} 수확 · {shortDate(lot.lastSellableOn)}까지 판매
      </p>
      <dl class="counts">
        <dt>남은 상자</dt>
        <dd data-on-hand>{lot.onHand}</dd>
        <dt>주문 대기</dt>
        <dd>{lot.reserved}</dd>
        <dt>팔림</dt>
        <dd>{lot.sold}</dd>
      </dl>
      {lot.photos.length > 0 ? (
        <div class="thumbs">
          {lot.photos.map((photo) => (
            <img
              src={thumbnailOf(photo)}
              alt={photo.alt || `${lot.lotCode} 사진`}
              width={96}
              height={96}
              loading="lazy"
            />
          ))}
        </div>
      ) : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      {editing === 'adjust' ? (
        <form class="inline-form" onSubmit={adjust} data-adjust-form>
          <FormField
            scope={`lot-${lot.id}`}
            name="onHand"
            label="지금 남은 상자"
            type="number"
            value={lot.onHand}
            min={0}
            inputmode="numeric"
            hint={`주문 대기 중인 ${lot.reserved}상자보다 적게 할 수는 없어요.`}
          />
          <div class="field">
            <label for={`reason-${lot.id}`}>이유</label>
            <select id={`reason-${lot.id}`} name="reason">
              <option value="damage">파손·상함</option>
              <option value="recount">재고 다시 셈</option>
            </select>
          </div>
          <FormField scope={`lot-${lot.id}`} name="note" label="메모 (선택)" required={false} />
          <p class="actions">
            <button type="submit" disabled={busy}>
              저장
            </button>
            <button type="button" class="secondary" onClick={() => setEditing('none')}>
              취소
            </button>
          </p>
        </form>
      ) : null}
      {editing === 'end' ? (
        <div class="inline-form">
          <p>
            이 로트의 남은 {Math.max(lot.onHand - lot.reserved, 0)}상자를 더 팔지 않아요. 주문 대기 중인 {lot.reserved}
            상자는 그대로 보내 주세요. 되돌릴 수 없어요.
          </p>
          <p class="actions">
            <button
              type="button"
              class="danger"
              disabled={busy}
              data-confirm-end
              onClick={() => act(() => api('catalog', `${path}/end`, { method: 'POST', body: {} }))}
            >
              판매 종료
            </button>
            <button type="button" class="secondary" onClick={() => setEditing('none')}>
              취소
            </button>
          </p>
        </div>
      ) : null}
      {editing === 'none' && state !== 'ended' ? (
        <p class="actions">
          <button type="button" class="secondary" onClick={() => setEditing('adjust')}>
            수량 조정
          </button>
          <button type="button" class="secondary" onClick={() => setEditing('end')}>
            판매 일찍 종료
          </button>
          <PhotoUpload
            farmId={props.farmId}
            subjectType="lot"
            subjectId={lot.id}
            label="사진 추가"
            onUploaded={() => void props.onChanged()}
          />
        </p>
      ) : null}
    </li>
  );
}
