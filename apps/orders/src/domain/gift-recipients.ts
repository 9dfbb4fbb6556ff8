import { toSeoulDate } from '@fruitables/core';
import type { StoredRecipient } from '@fruitables/schema-orders';

/** At most this many recipients in one gift order. */
export const MAX_GIFT_RECIPIENTS = 100;

export type GiftRecipient = StoredRecipient & { cardMessage: string | null; deliveryDate: string };

export interface RowError {
  /** The spreadsheet's row number, the header being row 1. */
  row: number;
  field: string;
  message: string;
}

/** Header names a shopper may use for each field (Korean first, as the sample file has them). */
const headers: Record<keyof GiftRecipient, readonly string[]> = {
  name: ['이름', '받는 분', '받는분', 'name'],
  phone: ['휴대폰', '연락처', '전화번호', 'phone'],
  postcode: ['우편번호', 'postcode'],
  address1: ['주소', 'address1', 'address'],
  address2: ['상세주소', '상세 주소', 'address2'],
  deliveryNote: ['배송메모', '배송 메모', 'deliverynote', 'note'],
  cardMessage: ['카드메시지', '카드 메시지', 'cardmessage', 'message'],
  deliveryDate: ['배송일', '도착일', 'deliverydate', 'date'],
};

const PHONE = /^01[016789]-?\d{3,4}-?\d{4}$/;
const POSTCODE = /^\d{5}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const normalise = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replaceAll(/[\s_-]/g, '');

/**
 * Gift recipients from a table (CSV or the first XLSX sheet, header row first): every row
 * checked, every problem reported with its row and column, nothing half-accepted. Dates must
 * be after today (Seoul); the promise decides later whether the farm can make them.
 */
export function readGiftRecipients(
  rows: readonly (readonly (string | number | null)[])[],
  now: Date,
): { recipients: GiftRecipient[]; errors: RowError[] } {
  const [header, ...body] = rows;
  const errors: RowError[] = [];
  if (!header) return { recipients: [], errors: [{ row: 1, field: 'header', message: '머리글 줄이 없어요.' }] };
  const column = new Map<keyof GiftRecipient, number>();
  for (const [field, names] of Object.entries(headers) as [keyof GiftRecipient, readonly string[]][]) {
    const index = header.findIndex((cell) => names.map(normalise).includes(normalise(String(cell ?? ''))));
    if (index >= 0) column.set(field, index);
    else if (!['address2', 'deliveryNote', 'cardMessage'].includes(field)) {
      errors.push({ row: 1, field, message: `'${names[0]}' 열이 없어요.` });
    }
  }
  if (errors.length > 0) return { recipients: [], errors };
  const filled = body.filter((row) => row.some((cell) => String(cell ?? '').trim() !== ''));
  if (filled.length > MAX_GIFT_RECIPIENTS) {
    return {
      recipients: [],
      errors: [{ row: 1, field: 'rows', message: `한 번에 ${MAX_GIFT_RECIPIENTS}분까지 보낼 수 있어요.` }],
    };
  }
  const today = toSeoulDate(now);
  const recipients: GiftRecipient[] = [];
  body.forEach((row, index) => {
    if (!row.some((cell) => String(cell ?? '').trim() !== '')) return;
    const rowNumber = index + 2;
    const cell = (field: keyof GiftRecipient) => {
      const at = column.get(field);
      return at === undefined ? '' : String(row[at] ?? '').trim();
    };
    const problem = (field: string, message: string) => errors.push({ row: rowNumber, field, message });
    const name = cell('name');
    const phone = cell('phone');
    // Excel drops a postcode's leading zero (06236 → 6236): put it back.
    const postcode = cell('postcode').padStart(5, '0');
    const address1 = cell('address1');
    const deliveryDate = cell('deliveryDate');
    if (!name || name.length > 40) problem('name', '이름을 40자 안으로 적어 주세요.');
    if (!PHONE.test(phone)) problem('phone', '휴대폰 번호를 010-1234-5678처럼 적어 주세요.');
    if (!POSTCODE.test(postcode)) problem('postcode', '우편번호는 숫자 5자리예요.');
    if (!address1 || address1.length > 200) problem('address1', '주소를 적어 주세요.');
    if (!DATE.test(deliveryDate) || Number.isNaN(Date.parse(deliveryDate))) {
      problem('deliveryDate', '배송일은 2026-09-14처럼 적어 주세요.');
    } else if (deliveryDate <= today) {
      problem('deliveryDate', '배송일은 내일 이후여야 해요.');
    }
    const cardMessage = cell('cardMessage');
    if (cardMessage.length > 200) problem('cardMessage', '카드 메시지는 200자까지예요.');
    recipients.push({
      name,
      phone,
      postcode,
      address1,
      address2: cell('address2').slice(0, 200),
      deliveryNote: cell('deliveryNote').slice(0, 200) || null,
      cardMessage: cardMessage || null,
      deliveryDate,
    });
  });
  if (recipients.length === 0 && errors.length === 0) {
    errors.push({ row: 2, field: 'rows', message: '받는 분이 한 명도 없어요.' });
  }
  return errors.length > 0 ? { recipients: [], errors } : { recipients, errors };
}
