/** @jsxImportSource hono/jsx/dom */
import { formatKrw } from '../config.ts';
import type { BatchPlan, RowError } from './batch-types.ts';
import { csvBlob, download } from './csv-download.ts';
import { koreanPart } from './problem-text.ts';
import { shortDate } from './ui.tsx';

// A 10,000-row file must not freeze a phone: tables show the first rows, downloads have all.
const SHOWN_ROWS = 100;

function More(props: { total: number }) {
  return props.total > SHOWN_ROWS ? (
    <p class="muted">외 {(props.total - SHOWN_ROWS).toLocaleString('ko-KR')}건은 생략했어요.</p>
  ) : null;
}

/** What a checked file would create, for the farmer to confirm. */
export function BatchPreview(props: { plan: BatchPlan }) {
  const { plan } = props;
  const boxes = plan.lots.reduce((sum, lot) => sum + lot.boxes, 0);
  return (
    <section data-batch-preview aria-labelledby="preview-title">
      <h2 id="preview-title">등록될 내용</h2>
      <ul class="summary">
        <li>
          새 상품 <strong data-count="newProducts">{plan.newProducts.length}</strong>개
        </li>
        <li>
          새 판매 옵션 <strong data-count="newOffers">{plan.newOffers.length}</strong>개
        </li>
        <li>
          가격 변경 <strong data-count="priceChanges">{plan.priceChanges.length}</strong>건
        </li>
        <li>
          로트 <strong data-count="lots">{plan.lots.length}</strong>개 · {boxes.toLocaleString('ko-KR')}상자
        </li>
      </ul>
      {plan.newProducts.length > 0 ? (
        <>
          <h3>새 상품</h3>
          <p>{plan.newProducts.map((product) => `${product.fruit} ${product.variety}`).join(', ')}</p>
        </>
      ) : null}
      {plan.newOffers.length > 0 ? (
        <>
          <h3>새 판매 옵션</h3>
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">상품</th>
                  <th scope="col">등급·중량</th>
                  <th scope="col">가격</th>
                </tr>
              </thead>
              <tbody>
                {plan.newOffers.slice(0, SHOWN_ROWS).map((offer) => (
                  <tr>
                    <td>
                      {offer.fruit} {offer.variety}
                    </td>
                    <td>
                      {offer.grade} · {offer.packKg}kg
                    </td>
                    <td>{formatKrw(offer.priceKrw)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <More total={plan.newOffers.length} />
        </>
      ) : null}
      {plan.priceChanges.length > 0 ? (
        <>
          <h3>가격 변경</h3>
          <div class="table-scroll">
            <table data-price-changes>
              <thead>
                <tr>
                  <th scope="col">상품</th>
                  <th scope="col">지금</th>
                  <th scope="col">바뀔 가격</th>
                </tr>
              </thead>
              <tbody>
                {plan.priceChanges.slice(0, SHOWN_ROWS).map((change) => (
                  <tr>
                    <td>
                      {change.fruit} {change.variety} {change.grade} {change.packKg}kg
                    </td>
                    <td>{formatKrw(change.previousPriceKrw)}</td>
                    <td>{formatKrw(change.priceKrw)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <More total={plan.priceChanges.length} />
        </>
      ) : null}
      <h3>로트</h3>
      <div class="table-scroll">
        <table data-lots-preview>
          <thead>
            <tr>
              <th scope="col">행</th>
              <th scope="col">로트번호</th>
              <th scope="col">상품</th>
              <th scope="col">수확일</th>
              <th scope="col">상자</th>
            </tr>
          </thead>
          <tbody>
            {plan.lots.slice(0, SHOWN_ROWS).map((lot) => (
              <tr>
                <td>{lot.row}</td>
                <td>
                  {lot.lotCode}
                  {lot.generated ? <span class="muted"> (자동)</span> : null}
                </td>
                <td>
                  {lot.fruit} {lot.variety} {lot.grade} {lot.packKg}kg
                </td>
                <td>{shortDate(lot.harvestedOn)}</td>
                <td>{lot.boxes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <More total={plan.lots.length} />
    </section>
  );
}

/** The problems of a file that imported nothing: on screen, and as a CSV to fix in Excel. */
export function RowErrors(props: {
  errors: RowError[];
  fileName: string;
  /** What the rest of the file did (nothing, for a harvest batch). */
  note?: string;
}) {
  const { errors } = props;
  const rows = errors.map((error) => [
    error.row || '파일',
    error.column || '-',
    koreanPart(error.message) || error.message,
  ]);
  const save = () =>
    download(
      csvBlob([['행', '열', '문제'], ...rows]),
      `오류-${props.fileName.replace(/\.[^.]+$/, '') || '수확배치'}.csv`,
    );
  return (
    <section data-row-errors aria-labelledby="errors-title">
      <h2 id="errors-title">고칠 곳 {errors.length.toLocaleString('ko-KR')}군데</h2>
      <p>
        아래 칸을 파일에서 고친 뒤 다시 올려 주세요. {props.note ?? '오류가 하나라도 있으면 아무것도 등록하지 않아요.'}
      </p>
      <p>
        <button type="button" class="secondary" data-download-errors onClick={save}>
          오류 목록 내려받기 (CSV)
        </button>
      </p>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">행</th>
              <th scope="col">열</th>
              <th scope="col">문제</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, SHOWN_ROWS).map(([row, column, problem]) => (
              <tr data-row-error>
                <td>{row}</td>
                <td>{column}</td>
                <td>{problem}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <More total={rows.length} />
    </section>
  );
}
