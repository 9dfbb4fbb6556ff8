/** @jsxImportSource hono/jsx/dom */
import { useCallback, useEffect, useState } from 'hono/jsx/dom';
import { type PackingList, readPackingList } from '../answers/logistics.ts';
import { api, messageOf, readAnswer } from './api.ts';
import { type LabelFormat, openLabels } from './labels.ts';
import { lotsText } from './lines-table.tsx';
import { seoulToday } from './purchase-text.ts';
import { ShipmentCard } from './ship-form.tsx';
import { TrackingUpload } from './tracking-upload.tsx';
import { Loading, Notice, shortDate } from './ui.tsx';

/** The day's packing list (by product and lot, and by box), labels to print, and 송장번호 one by one or by file. */
export function ShippingPage(props: { farmId: string }) {
  const [dispatchDate, setDispatchDate] = useState(seoulToday());
  const [list, setList] = useState<PackingList | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [printing, setPrinting] = useState(false);

  const load = useCallback(async () => {
    try {
      const query = new URLSearchParams({ dispatchDate });
      const answer = await api('logistics', `/v1/farms/${props.farmId}/packing-list?${query.toString()}`);
      setList(readAnswer(readPackingList, answer));
    } catch (failure) {
      setMessage({ kind: 'error', text: messageOf(failure) });
    }
  }, [props.farmId, dispatchDate]);
  useEffect(() => {
    setList(null);
    setMessage(null);
    void load();
  }, [load]);

  const print = async (format: LabelFormat) => {
    setPrinting(true);
    try {
      const how = await openLabels(props.farmId, dispatchDate, format);
      if (how === 'downloaded') {
        setMessage({
          kind: 'ok',
          text: '새 창이 막혀 있어 라벨 파일을 내려받았어요. 내려받은 파일을 열어 인쇄해 주세요.',
        });
      }
    } catch (failure) {
      setMessage({ kind: 'error', text: messageOf(failure) });
    } finally {
      setPrinting(false);
    }
  };
  const shipped = async (text: string) => {
    setMessage({ kind: 'ok', text });
    await load();
  };
  const waiting = list?.byOrder.filter((shipment) => !shipment.trackingNumber).length ?? 0;

  return (
    <>
      <form class="console-filters" aria-label="출고일 고르기" onSubmit={(event: Event) => event.preventDefault()}>
        <div class="field">
          <label for="shipping-date">출고일</label>
          <input
            id="shipping-date"
            type="date"
            value={dispatchDate}
            onChange={(event: Event) =>
              setDispatchDate((event.currentTarget as HTMLInputElement).value || seoulToday())
            }
          />
        </div>
      </form>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      {list === null ? (
        message?.kind === 'error' ? null : (
          <Loading />
        )
      ) : list.byOrder.length === 0 ? (
        <Notice kind="info">{shortDate(dispatchDate)}에 보낼 상자가 없어요. 출고일을 바꿔 보세요.</Notice>
      ) : (
        <>
          <section aria-labelledby="labels-title">
            <h2 id="labels-title">라벨 인쇄</h2>
            <p>
              상자 {list.byOrder.length.toLocaleString('ko-KR')}개 · 송장 입력 전 {waiting.toLocaleString('ko-KR')}개.
              라벨의 QR을 찍으면 손님이 로트 이력을 봐요.
            </p>
            <p class="actions">
              <button type="button" disabled={printing} onClick={() => print('thermal')}>
                라벨 인쇄 (100×150 감열지)
              </button>
              <button type="button" class="secondary" disabled={printing} onClick={() => print('a4')}>
                라벨 인쇄 (A4)
              </button>
            </p>
          </section>
          <section aria-labelledby="picking-title">
            <h2 id="picking-title">상품·로트별 포장 목록</h2>
            <div class="table-scroll">
              <table data-packing-products>
                <thead>
                  <tr>
                    <th scope="col">상품</th>
                    <th scope="col">상자</th>
                    <th scope="col">로트</th>
                  </tr>
                </thead>
                <tbody>
                  {list.byProduct.map((product) => (
                    <tr>
                      <td>{product.title}</td>
                      <td>{product.quantity}</td>
                      <td>{lotsText(product.lots)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby="boxes-title">
            <h2 id="boxes-title">주문별 상자와 송장번호</h2>
            <ul class="cards" data-shipments>
              {list.byOrder.map((shipment) => (
                <ShipmentCard key={shipment.shipmentId} farmId={props.farmId} shipment={shipment} onShipped={shipped} />
              ))}
            </ul>
          </section>
          <TrackingUpload farmId={props.farmId} onShipped={load} />
        </>
      )}
    </>
  );
}
