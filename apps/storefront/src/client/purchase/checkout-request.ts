import type { CropFailurePolicy } from '@fruitables/orders/contract/values';
import type { FarmPromise } from '../answers/logistics.ts';
import type { CartView } from '../answers/orders.ts';

/** The three answers to "what if the farm comes up short", each with its one sentence. */
export const cropFailureChoices: { policy: CropFailurePolicy; label: string; sentence: string }[] = [
  { policy: 'refund', label: '환불', sentence: '모자란 상자만큼 바로 환불해 드려요.' },
  {
    policy: 'substitute',
    label: '다음 등급으로 대체',
    sentence: '같은 상품의 다음 등급으로 보내고, 가격 차이는 환불해 드려요. 더 받지는 않아요.',
  },
  {
    policy: 'wait',
    label: '다음 수확까지 기다리기',
    sentence: '다음 수확을 기다렸다 보내 드려요. 정해진 날까지 수확이 없으면 환불해 드려요.',
  },
];

export interface Recipient {
  name: string;
  phone: string;
  postcode: string;
  address1: string;
  address2: string;
  deliveryNote: string | null;
}

export interface CheckoutChoices {
  /** farmId → `YYYY-MM-DD` */
  dates: Map<string, string>;
  /** offerId → policy */
  policies: Map<string, CropFailurePolicy>;
}

/** A problem with the form before anything is sent: the input's id and the Korean hint. */
export interface FormProblem {
  field: string;
  message: string;
}

export function checkRecipient(recipient: Recipient): FormProblem[] {
  const problems: FormProblem[] = [];
  if (!recipient.name) problems.push({ field: 'recipient-name', message: '받는 분 이름을 입력해 주세요.' });
  const digits = recipient.phone.replace(/\D/g, '');
  if (!/^0\d{8,10}$/.test(digits))
    problems.push({ field: 'recipient-phone', message: '휴대폰 번호를 010-1234-5678처럼 입력해 주세요.' });
  if (!/^\d{5}$/.test(recipient.postcode))
    problems.push({ field: 'recipient-postcode', message: '우편번호 숫자 5자리를 입력해 주세요.' });
  if (!recipient.address1) problems.push({ field: 'recipient-address1', message: '주소를 입력해 주세요.' });
  return problems;
}

/** The date a farm's choice starts at: the one chosen before while still open, else the earliest open one. */
export function chosenDate(promise: FarmPromise | undefined, previous: string | undefined): string | undefined {
  const open = (promise?.dates ?? []).filter((option) => option.available);
  if (previous && open.some((option) => option.date === previous)) return previous;
  return open[0]?.date;
}

/** A farm's delivery fee for its goods by its rule (제주·도서산간 surcharge included), else orders' figure. */
export function farmFee(goods: number, promise: FarmPromise | undefined, fallback: number): number {
  if (!promise) return fallback;
  const base = promise.fee.freeFrom !== null && goods >= promise.fee.freeFrom ? 0 : promise.fee.baseFee;
  return base + promise.fee.surcharge;
}

export interface CheckoutSummary {
  goods: number;
  delivery: number;
  total: number;
}

export function summaryOf(view: CartView, promises: Map<string, FarmPromise>): CheckoutSummary {
  let delivery = 0;
  for (const farm of view.farms) {
    const goods = view.items.filter((item) => item.farmId === farm.farmId).reduce((s, i) => s + i.lineTotal, 0);
    if (goods > 0) delivery += farmFee(goods, promises.get(farm.farmId), farm.deliveryFee);
  }
  return { goods: view.goodsTotal, delivery, total: view.goodsTotal + delivery };
}

/** Farms that cannot deliver to the address, with logistics' reason. */
export function undeliverable(view: CartView, promises: Map<string, FarmPromise>): FarmPromise[] {
  return view.farms.flatMap((farm) => {
    const promise = promises.get(farm.farmId);
    return promise && !promise.deliverable ? [promise] : [];
  });
}

/** `POST /v1/checkouts`' body; the prices are the ones this page showed the shopper. */
export function checkoutBody(view: CartView, choices: CheckoutChoices, recipient: Recipient) {
  return {
    items: view.items.map((item) => ({
      offerId: item.offerId,
      quantity: item.quantity,
      expectedUnitPrice: item.unitPrice,
      cropFailurePolicy: choices.policies.get(item.offerId) ?? 'refund',
    })),
    recipient: {
      name: recipient.name,
      phone: recipient.phone,
      postcode: recipient.postcode,
      address1: recipient.address1,
      address2: recipient.address2,
      deliveryNote: recipient.deliveryNote,
    },
    deliveryDates: Object.fromEntries(
      [...new Set(view.items.flatMap((item) => (item.farmId === null ? [] : [item.farmId])))].flatMap((farmId) => {
        const date = choices.dates.get(farmId);
        return date ? [[farmId, date]] : [];
      }),
    ),
  };
}

/** orders' field names (`recipient.phone`) → this form's inputs (`recipient-phone`). */
export function inputOf(field: string): string {
  const path = field.replace(/^body\./, '');
  const recipient = /^recipient\.(name|phone|postcode|address1|address2|deliveryNote)$/.exec(path);
  if (!recipient?.[1]) return '';
  return recipient[1] === 'deliveryNote' ? 'recipient-note' : `recipient-${recipient[1]}`;
}
