/** @jsxImportSource hono/jsx/dom */
import { useState } from 'hono/jsx/dom';
import { formatKrw } from '../config.ts';
import { api, messageOf } from './api.ts';
import { FormField, formValues } from './form-field.tsx';
import { available, type InventoryOffer, type InventoryProduct, offerName } from './inventory.ts';
import { Notice } from './ui.tsx';

const stockText = { in_stock: '넉넉함', low: '얼마 안 남음', sold_out: '품절' } as const;

/** One offer: its price and per-order limit, on sale or not, and a warning when stock runs low. */
export function OfferRow(props: {
  farmId: string;
  product: InventoryProduct;
  offer: InventoryOffer;
  onChanged: () => Promise<void>;
}) {
  const { offer, product } = props;
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const boxes = offer.lots.reduce((sum, lot) => sum + available(lot), 0);

  const patch = async (body: Record<string, unknown>, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      await api('catalog', `/v1/farms/${props.farmId}/offers/${offer.id}`, { method: 'PATCH', body });
      await props.onChanged();
      setMessage({ kind: 'ok', text: done });
    } catch (failure) {
      setMessage({ kind: 'error', text: messageOf(failure) });
    } finally {
      setBusy(false);
    }
  };

  const save = (event: Event) => {
    event.preventDefault();
    const values = formValues(event.currentTarget as HTMLFormElement);
    const priceKrw = Number((values.priceKrw ?? '').replaceAll(',', ''));
    const limit = values.perOrderLimit === undefined ? null : Number(values.perOrderLimit);
    if (!Number.isInteger(priceKrw) || priceKrw <= 0) {
      setMessage({ kind: 'error', text: '가격을 원 단위 숫자로 적어 주세요 (예: 39000).' });
      return;
    }
    if (limit !== null && (!Number.isInteger(limit) || limit <= 0)) {
      setMessage({ kind: 'error', text: '주문당 한도는 1 이상의 숫자로 적거나, 한도가 없으면 비워 두세요.' });
      return;
    }
    void patch({ priceKrw, perOrderLimit: limit }, `저장했어요. 가게에는 ${formatKrw(priceKrw)}으로 보여요.`);
  };

  return (
    <li class="panel" data-offer={offerName(product, offer)}>
      <h3>
        {offerName(product, offer)}{' '}
        <span class={`badge ${offer.published ? 'badge-selling' : 'badge-ended'}`}>
          {offer.published ? '판매 중' : '판매 중지'}
        </span>
      </h3>
      <p>
        재고 {boxes}상자 · {stockText[offer.stockState]}
      </p>
      {offer.published && offer.stockState !== 'in_stock' ? (
        <Notice kind="error">
          {offer.stockState === 'sold_out' ? '품절이에요.' : `${boxes}상자만 남았어요.`}{' '}
          <a href="/farmer/batches/">새 수확을 올리면</a> 다시 팔려요.
        </Notice>
      ) : null}
      <form class="inline-form" onSubmit={save} data-offer-form>
        <FormField
          scope={`offer-${offer.id}`}
          name="priceKrw"
          label="상자당 가격 (원)"
          value={offer.priceKrw}
          inputmode="numeric"
        />
        <FormField
          scope={`offer-${offer.id}`}
          name="perOrderLimit"
          label="주문당 최대 상자"
          value={offer.perOrderLimit ?? undefined}
          required={false}
          inputmode="numeric"
          hint="비워 두면 한도 없음"
        />
        <p class="actions">
          <button type="submit" disabled={busy}>
            저장
          </button>
          <button
            type="button"
            class="secondary"
            disabled={busy}
            data-toggle-publish
            onClick={() =>
              patch(
                { published: !offer.published },
                offer.published ? '판매를 멈췄어요. 가게에서 곧 사라져요.' : '판매를 시작했어요. 가게에 곧 보여요.',
              )
            }
          >
            {offer.published ? '판매 중지' : '판매 시작'}
          </button>
        </p>
      </form>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
    </li>
  );
}
