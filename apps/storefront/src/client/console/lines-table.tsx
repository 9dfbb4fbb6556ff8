/** @jsxImportSource hono/jsx/dom */

import type { FarmFulfilmentLine, OrderLine } from '../answers/orders.ts';
import { formatKrw } from '../config.ts';
import { cropFailurePolicyName } from './purchase-text.ts';

/** The lots a line's boxes come from: "A-1107 ×2, A-1108 ×1". */
export const lotsText = (lots: { lotCode: string; quantity: number }[]): string =>
  lots.length === 0 ? '-' : lots.map((lot) => `${lot.lotCode} ×${lot.quantity}`).join(', ');

/** A fulfilment's lines: what to pack, from which lot, and what the shopper chose for a shortage. */
export function LinesTable(props: {
  /** A farm's lines (to pack) or an order's (for support, with their amounts). */
  lines: (FarmFulfilmentLine | OrderLine)[];
  caption: string;
  /** Money columns, for support; the farmer packing on a phone needs the room for lots. */
  withAmounts?: boolean;
}) {
  return (
    <div class="table-scroll">
      <table>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">상품</th>
            <th scope="col">상자</th>
            <th scope="col">로트</th>
            {props.withAmounts ? <th scope="col">금액</th> : null}
            <th scope="col">흉작 시</th>
          </tr>
        </thead>
        <tbody>
          {props.lines.map((line) => (
            <tr key={line.id} data-line={line.title}>
              <td>{line.title}</td>
              <td>{line.quantity}</td>
              <td>{lotsText(line.lots)}</td>
              {props.withAmounts ? <td>{'lineTotal' in line ? formatKrw(line.lineTotal) : '-'}</td> : null}
              <td>{cropFailurePolicyName(line.cropFailurePolicy)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
