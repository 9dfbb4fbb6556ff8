import { type FarmPromise, readDeliveryPromise } from './answers/logistics.ts';
import { type CartView, readOrder } from './answers/orders.ts';
import { formatKrw } from './config.ts';
import { readAddressBook, type SavedAddress } from './purchase/address-book.ts';
import { checkoutBlocker } from './purchase/cart-model.ts';
import { drawFarms, followChoices } from './purchase/checkout-farms.ts';
import {
  type CheckoutChoices,
  checkoutBody,
  checkRecipient,
  type FormProblem,
  inputOf,
  type Recipient,
  summaryOf,
  undeliverable,
} from './purchase/checkout-request.ts';
import { h, say } from './purchase/dom.ts';
import { type GiftMode, startGiftMode } from './purchase/gift-mode.ts';
import { checkGiftRows, giftCheckoutBody } from './purchase/gift-recipients.ts';
import { callApi, loginUrl } from './purchase/http.ts';
import { fingerprintOf, forgetAttempt, idempotencyKeyFor } from './purchase/idempotency.ts';
import { handOffToPayment } from './purchase/payment-handoff.ts';
import { offerPostcodeSearch } from './purchase/postcode-search.ts';
import { purchaseProblemText } from './purchase/problem-text.ts';
import { syncServerCart } from './purchase/server-cart.ts';
import { readSession } from './session-store.ts';

// The checkout page: who receives the boxes (from the address book, the postcode search or
// typed), each farm's arrival date from logistics' promise, each line's crop-failure choice,
// the amount, then POST /checkouts with an Idempotency-Key and the hand-off to payment.

const form = document.querySelector<HTMLFormElement>('form[data-checkout-form]');
const loading = document.querySelector<HTMLElement>('[data-checkout-loading]');
const farmsBox = document.querySelector<HTMLElement>('[data-checkout-farms]');
const summaryBox = document.querySelector<HTMLElement>('[data-checkout-summary]');
const status = document.querySelector<HTMLElement>('[data-form-status]');
const submit = document.querySelector<HTMLButtonElement>('[data-checkout-submit]');
const widgetSection = document.querySelector<HTMLElement>('[data-payment-widget]');
const widgetPay = document.querySelector<HTMLButtonElement>('[data-payment-request]');

const giftToggle = document.querySelector<HTMLInputElement>('[data-gift-toggle]');
const giftBox = document.querySelector<HTMLElement>('[data-gift-recipients]');
const singleRecipient = document.querySelector<HTMLElement>('[data-single-recipient]');

const choices: CheckoutChoices = { dates: new Map(), policies: new Map() };
let gift: GiftMode | null = null;
let view: CartView | null = null;
let promises = new Map<string, FarmPromise>();
let submitting = false;

const input = (id: string) => document.getElementById(id) as HTMLInputElement | null;
const value = (id: string) => input(id)?.value.trim() ?? '';

function recipient(): Recipient {
  return {
    name: value('recipient-name'),
    phone: value('recipient-phone'),
    postcode: value('recipient-postcode'),
    address1: value('recipient-address1'),
    address2: value('recipient-address2'),
    deliveryNote: value('recipient-note') || null,
  };
}

function showFieldProblems(problems: FormProblem[]): void {
  for (const hint of form?.querySelectorAll<HTMLElement>('[data-field-error]') ?? []) hint.textContent = '';
  for (const problem of problems) {
    const hint = form?.querySelector<HTMLElement>(`[data-field-error="${CSS.escape(problem.field)}"]`);
    if (hint) hint.textContent = problem.message;
    input(problem.field)?.setAttribute('aria-invalid', 'true');
  }
  const first = problems[0];
  if (first) input(first.field)?.focus();
}

function drawSummary(): void {
  if (!view || !summaryBox) return;
  const summary = summaryOf(view, promises);
  summaryBox.replaceChildren(
    h('dt', {}, '상품 금액'),
    h('dd', {}, formatKrw(summary.goods)),
    h('dt', {}, '배송비'),
    h('dd', {}, formatKrw(summary.delivery)),
    h('dt', {}, '결제 금액'),
    h('dd', { class: 'price', 'data-checkout-total': true }, formatKrw(summary.total)),
  );
  const blocked = undeliverable(view, promises);
  if (submit) submit.disabled = blocked.length > 0 || checkoutBlocker(view) !== null;
  if (blocked.length > 0) say(status, blocked[0]?.reason ?? '이 주소로는 배송할 수 없어요. 다른 주소를 입력해 주세요.');
}

function redraw(): void {
  if (!view || !farmsBox) return;
  drawFarms(farmsBox, view, promises, choices);
  drawSummary();
}

/** logistics' promise for this cart at this postcode (or the dawn area's before one is typed). */
async function askPromise(): Promise<void> {
  if (!view) return;
  const postcode = value('recipient-postcode');
  const boxes = new Map<string, number>();
  for (const item of view.items) {
    if (item.farmId !== null) boxes.set(item.farmId, (boxes.get(item.farmId) ?? 0) + item.quantity);
  }
  const answer = await callApi('logistics', '/v1/promise', {
    method: 'POST',
    body: {
      ...(/^\d{5}$/.test(postcode) ? { postcode } : {}),
      farms: [...boxes].map(([farmId, count]) => ({ farmId, boxes: count })),
    },
  });
  const promise = answer.status === 200 ? readDeliveryPromise(answer.body) : null;
  if (promise) promises = new Map(promise.farms.map((farm) => [farm.farmId, farm]));
  redraw();
}

/** Offered for a typed address only: one picked from the book is already saved. */
function offerSaving(typed: boolean): void {
  const label = document.querySelector<HTMLElement>('[data-save-address]');
  if (label) label.hidden = !typed;
}

function fillAddress(address: SavedAddress | null): void {
  offerSaving(address === null);
  const set = (id: string, text: string) => {
    const field = input(id);
    if (field) field.value = text;
  };
  set('recipient-name', address?.recipient ?? '');
  set('recipient-phone', address?.phone ?? '');
  set('recipient-postcode', address?.zoneCode ?? '');
  set('recipient-address1', address?.roadAddress ?? '');
  set('recipient-address2', address?.addressDetail ?? '');
  set('recipient-note', address?.deliveryNotes ?? '');
  void askPromise();
}

/** identity's address book, when the shopper has one: the default address is filled in. */
async function offerAddressBook(): Promise<void> {
  const answer = await callApi('identity', '/v1/me/addresses', { signedIn: true });
  const book = answer.status === 200 ? readAddressBook(answer.body) : [];
  const select = document.querySelector<HTMLSelectElement>('#address-book');
  const box = document.querySelector<HTMLElement>('[data-address-book]');
  if (book.length === 0 || !select || !box) return offerSaving(answer.status === 200);
  select.replaceChildren(
    ...book.map((address) =>
      h(
        'option',
        { value: address.id, selected: address.isDefault },
        `${address.isDefault ? '기본 · ' : ''}${address.recipient} · ${address.roadAddress}`,
      ),
    ),
    h('option', { value: '' }, '새 주소 입력'),
  );
  box.hidden = false;
  select.addEventListener('change', () => fillAddress(book.find((address) => address.id === select.value) ?? null));
  fillAddress(book.find((address) => address.isDefault) ?? book[0] ?? null);
}

/** A new address joins identity's address book when the shopper ticked the box (best effort). */
async function saveAddressIfAsked(who: Recipient): Promise<void> {
  const box = input('save-address');
  if (!box?.checked || box.closest<HTMLElement>('[hidden]')) return;
  await callApi('identity', '/v1/me/addresses', {
    method: 'POST',
    body: {
      recipient: who.name,
      phone: who.phone,
      roadAddress: who.address1,
      addressDetail: who.address2,
      zoneCode: who.postcode,
      deliveryNotes: who.deliveryNote,
    },
    signedIn: true,
  });
}

/** A button that sends the verification mail again, for `email_not_verified`. */
async function offerVerificationMail(): Promise<void> {
  const me = await callApi('identity', '/v1/me', { signedIn: true });
  const email = (me.body as { email?: unknown } | null)?.email;
  if (typeof email !== 'string' || !status) return;
  const button = h('button', { type: 'button', class: 'button-secondary' }, '인증 메일 다시 받기');
  button.addEventListener('click', async () => {
    button.disabled = true;
    await callApi('identity', '/v1/email-verifications', { method: 'POST', body: { email } });
    status.replaceChildren(`${email}로 인증 메일을 보냈어요. 메일의 링크를 누른 뒤 다시 주문해 주세요.`);
  });
  status.append(' ', button);
}

/** 선물하기 on: the gift list replaces the single recipient (built once, kept while toggled). */
function toggleGiftMode(): void {
  const on = giftToggle?.checked === true;
  if (singleRecipient) singleRecipient.hidden = on;
  if (!giftBox) return;
  giftBox.hidden = !on;
  if (on && !gift) gift = startGiftMode(giftBox, () => [...choices.dates.values()].sort().at(-1) ?? '');
}

/** orders' `recipients[2].phone` → the gift list's row 2, field phone. */
function giftProblemsOf(problem: Parameters<typeof purchaseProblemText>[1]) {
  return (problem?.errors ?? []).flatMap((error) => {
    const match = /^(?:body\.)?recipients\[(\d+)\]\.(\w+)$/.exec(error.field);
    return match ? [{ index: Number(match[1]), field: match[2] as never, message: error.message }] : [];
  });
}

async function placeGiftOrder(mode: GiftMode): Promise<void> {
  if (!view) return;
  const rows = mode.rows();
  const problems = checkGiftRows(rows);
  mode.showProblems(problems);
  if (problems.length > 0) return say(status, '받는 분 정보를 확인해 주세요.');
  const body = giftCheckoutBody(view, choices, rows);
  const key = idempotencyKeyFor(sessionStorage, fingerprintOf(body));
  submitting = true;
  if (submit) submit.disabled = true;
  say(status, `받는 분 ${rows.length}명의 선물 주문을 만들고 있어요…`);
  const answer = await callApi('orders', '/v1/gift-checkouts', {
    method: 'POST',
    body,
    headers: { 'idempotency-key': key },
    signedIn: true,
  });
  submitting = false;
  if (submit) submit.disabled = false;
  const order = answer.status === 200 || answer.status === 201 ? readOrder(answer.body) : null;
  if (order) {
    forgetAttempt(sessionStorage);
    say(status, '결제 페이지로 이동하고 있어요…');
    const failed = await handOffToPayment(order.id, widgetTarget());
    if (failed) say(status, failed);
    return;
  }
  mode.showProblems(giftProblemsOf(answer.problem));
  await explainRefusal(answer.status, answer.problem);
}

async function placeOrder(): Promise<void> {
  if (!view || submitting) return;
  if (giftToggle?.checked && gift) return placeGiftOrder(gift);
  const who = recipient();
  const problems = checkRecipient(who);
  const missingDate = view.farms.find((farm) => !choices.dates.has(farm.farmId));
  showFieldProblems(problems);
  if (problems.length > 0) return say(status, '받는 분 정보를 확인해 주세요.');
  if (missingDate) return say(status, `${missingDate.farmName}의 도착일을 골라 주세요.`);
  const body = checkoutBody(view, choices, who);
  // The same order tried again (double click, retry, reload) carries the same key.
  const key = idempotencyKeyFor(sessionStorage, fingerprintOf(body));
  submitting = true;
  if (submit) submit.disabled = true;
  say(status, '주문을 만들고 있어요…');
  const answer = await callApi('orders', '/v1/checkouts', {
    method: 'POST',
    body,
    headers: { 'idempotency-key': key },
    signedIn: true,
  });
  submitting = false;
  if (submit) submit.disabled = false;
  const order = answer.status === 200 || answer.status === 201 ? readOrder(answer.body) : null;
  if (order) {
    forgetAttempt(sessionStorage);
    await saveAddressIfAsked(who);
    say(status, '결제 페이지로 이동하고 있어요…');
    const failed = await handOffToPayment(order.id, widgetTarget());
    if (failed) say(status, failed);
    return;
  }
  await explainRefusal(answer.status, answer.problem);
}

async function explainRefusal(code: number, problem: Parameters<typeof purchaseProblemText>[1]): Promise<void> {
  // A timeout or an outage may have made the order: the key is kept so the retry finds it.
  if (code !== 0 && code < 500) forgetAttempt(sessionStorage);
  if (code === 401) return location.assign(loginUrl());
  const fields = (problem?.errors ?? []).flatMap((error) => {
    const field = inputOf(error.field);
    return field ? [{ field, message: error.message }] : [];
  });
  if (fields.length > 0) showFieldProblems(fields);
  say(status, purchaseProblemText(code, problem));
  switch (problem?.code) {
    case 'price_changed':
    case 'sold_out': {
      const fresh = await syncServerCart();
      if (fresh.ok) view = fresh.view;
      redraw();
      if (problem.code === 'sold_out') status?.append(' ', h('a', { href: '/cart/' }, '장바구니에서 빼기'));
      break;
    }
    case 'date_full':
    case 'area_unserved':
      await askPromise();
      break;
    case 'email_not_verified':
      await offerVerificationMail();
      break;
  }
  status?.focus();
}

function widgetTarget() {
  return widgetSection && widgetPay ? { section: widgetSection, pay: widgetPay } : null;
}

async function start(): Promise<void> {
  if (!form || !readSession()) {
    location.replace(loginUrl());
    return;
  }
  // Paying again for an order made earlier (from the fail page or my orders).
  const pay = new URL(location.href).searchParams.get('pay');
  if (pay) {
    if (loading) loading.textContent = '결제 페이지를 여는 중이에요…';
    const failed = await handOffToPayment(pay, widgetTarget());
    if (failed && loading) loading.textContent = failed;
    return;
  }
  const cart = await syncServerCart();
  if (!cart.ok) {
    if (cart.answer.status === 401) return location.replace(loginUrl());
    if (loading) loading.textContent = purchaseProblemText(cart.answer.status, cart.answer.problem);
    return;
  }
  view = cart.view;
  if (view.items.length === 0) {
    loading?.replaceChildren('장바구니가 비어 있어요. ', h('a', { href: '/fruits/' }, '과일 보러 가기'));
    return;
  }
  promises = new Map(view.farms.flatMap((farm) => (farm.promise ? [[farm.farmId, farm.promise]] : [])));
  if (loading) loading.hidden = true;
  form.hidden = false;
  if (farmsBox) followChoices(farmsBox, choices);
  redraw();
  status?.setAttribute('tabindex', '-1');
  giftToggle?.addEventListener('change', toggleGiftMode);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void placeOrder();
  });
  let typing: ReturnType<typeof setTimeout> | undefined;
  input('recipient-postcode')?.addEventListener('input', () => {
    clearTimeout(typing);
    if (/^\d{5}$/.test(value('recipient-postcode'))) typing = setTimeout(() => void askPromise(), 300);
  });
  void offerPostcodeSearch(document.querySelector<HTMLButtonElement>('[data-postcode-search]'), (postcode, address) => {
    const code = input('recipient-postcode');
    const line = input('recipient-address1');
    if (code) code.value = postcode;
    if (line) line.value = address;
    input('recipient-address2')?.focus();
    void askPromise();
  });
  await offerAddressBook();
}

void start();
