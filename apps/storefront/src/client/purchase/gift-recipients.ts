import type { CartView } from '../answers/orders.ts';
import type { CheckoutChoices } from './checkout-request.ts';

/** One gift recipient as the checkout's gift list holds it (typed in, or read from the buyer's file). */
export interface GiftRow {
  name: string;
  phone: string;
  /** "주소는 받는 분이 직접 입력": a link to forward instead of an address. */
  addressByLink: boolean;
  postcode: string;
  address1: string;
  address2: string;
  deliveryNote: string | null;
  cardMessage: string | null;
  /** `YYYY-MM-DD`, the same date for every farm of the cart. */
  deliveryDate: string;
}

export const MAX_GIFT_RECIPIENTS = 100;

export const emptyGiftRow = (deliveryDate: string): GiftRow => ({
  name: '',
  phone: '',
  addressByLink: false,
  postcode: '',
  address1: '',
  address2: '',
  deliveryNote: null,
  cardMessage: null,
  deliveryDate,
});

/** A problem with one recipient before anything is sent: the row (from 0), the field and the Korean hint. */
export interface GiftRowProblem {
  index: number;
  field: keyof GiftRow;
  message: string;
}

export function checkGiftRows(rows: readonly GiftRow[]): GiftRowProblem[] {
  const problems: GiftRowProblem[] = [];
  rows.forEach((row, index) => {
    const problem = (field: keyof GiftRow, message: string) => problems.push({ index, field, message });
    if (!row.name) problem('name', '받는 분 이름을 입력해 주세요.');
    if (!/^01[016789]-?\d{3,4}-?\d{4}$/.test(row.phone))
      problem('phone', '휴대폰 번호를 010-1234-5678처럼 입력해 주세요.');
    if (!row.addressByLink) {
      if (!/^\d{5}$/.test(row.postcode)) problem('postcode', '우편번호 숫자 5자리를 입력해 주세요.');
      if (!row.address1) problem('address1', '주소를 입력해 주세요.');
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(row.deliveryDate)) problem('deliveryDate', '도착일을 골라 주세요.');
    if ((row.cardMessage ?? '').length > 200) problem('cardMessage', '카드 메시지는 200자까지예요.');
  });
  return problems;
}

/** `POST /v1/gift-checkouts`' body: the cart's lines (prices as shown) to every recipient. */
export function giftCheckoutBody(view: CartView, choices: CheckoutChoices, rows: readonly GiftRow[]) {
  return {
    items: view.items.map((item) => ({
      offerId: item.offerId,
      quantity: item.quantity,
      expectedUnitPrice: item.unitPrice,
      cropFailurePolicy: choices.policies.get(item.offerId) ?? 'refund',
    })),
    recipients: rows.map((row) =>
      row.addressByLink
        ? {
            name: row.name,
            phone: row.phone,
            cardMessage: row.cardMessage,
            deliveryDate: row.deliveryDate,
            addressByLink: true as const,
          }
        : {
            name: row.name,
            phone: row.phone,
            postcode: row.postcode,
            address1: row.address1,
            address2: row.address2,
            deliveryNote: row.deliveryNote,
            cardMessage: row.cardMessage,
            deliveryDate: row.deliveryDate,
          },
    ),
  };
}

/** The columns of the buyer's file, as the sample's header names them. */
const columnNames: Record<string, string> = {
  name: '이름',
  phone: '휴대폰',
  postcode: '우편번호',
  address1: '주소',
  address2: '상세주소',
  deliveryNote: '배송메모',
  cardMessage: '카드메시지',
  deliveryDate: '배송일',
  header: '머리글',
  rows: '전체',
};

/** The console's row-error shape (console/batch-types.ts `RowError`), so its table and download serve both. */
export interface FileRowError {
  row: number;
  column: string;
  code: string;
  message: string;
}

/**
 * orders' `recipients_invalid` errors (`rows[3].phone`, the header being row 1) as the rows and
 * columns of the buyer's spreadsheet; a field orders names otherwise is kept as it came.
 */
export function fileRowErrors(errors: readonly { field: string; message: string }[]): FileRowError[] {
  return errors.map((error) => {
    const match = /^(?:body\.)?rows\[(\d+)\]\.(\w+)$/.exec(error.field);
    if (!match) return { row: 0, column: '', code: 'recipients_invalid', message: error.message };
    const field = match[2] ?? '';
    return {
      row: Number(match[1]),
      column: columnNames[field] ?? field,
      code: 'recipients_invalid',
      message: error.message,
    };
  });
}

/** The recipients orders read from the file, as rows of the gift list (all with an address). */
export function rowsFromFile(
  recipients: readonly {
    name: string;
    phone: string;
    postcode: string;
    address1: string;
    address2: string;
    deliveryNote: string | null;
    cardMessage: string | null;
    deliveryDate: string;
  }[],
): GiftRow[] {
  return recipients.slice(0, MAX_GIFT_RECIPIENTS).map((recipient) => ({ ...recipient, addressByLink: false }));
}
