import { type GiftAddressView, readGiftAddress } from './answers/orders.ts';
import { checkRecipient, type FormProblem, type Recipient } from './purchase/checkout-request.ts';
import { h, say } from './purchase/dom.ts';
import { callApi } from './purchase/http.ts';
import { seoulDate, seoulTime } from './purchase/order-words.ts';
import { fieldOf, purchaseProblemText } from './purchase/problem-text.ts';

// A gift recipient's page: the buyer's link carries `?token=`, signed by orders; no log-in.
// It shows who sent what from which farm and until when the address may be given, then takes
// the address once. Nothing of the buyer is ever shown (orders does not send it).

const title = document.querySelector<HTMLElement>('[data-gift-title]');
const summary = document.querySelector<HTMLElement>('[data-gift-summary]');
const form = document.querySelector<HTMLFormElement>('[data-gift-form]');
const status = form?.querySelector<HTMLElement>('[data-form-status]') ?? null;
const submit = form?.querySelector<HTMLButtonElement>('[data-gift-submit]') ?? null;
const token = new URL(location.href).searchParams.get('token') ?? '';
const path = `/v1/gift-addresses/${encodeURIComponent(token)}`;

const input = (id: string) => document.getElementById(id) as HTMLInputElement | null;
const value = (id: string) => input(id)?.value.trim() ?? '';

/** The problem codes orders answers here, in the recipient's words. */
const closedTexts: Record<string, string> = {
  gift_link_not_found: '주소 입력 링크가 맞지 않거나 더 이상 쓸 수 없어요. 보내신 분께 링크를 다시 받아 주세요.',
  address_already_given: '이미 주소를 입력하셨어요. 선물은 입력하신 주소로 보내 드려요.',
  address_deadline_passed: '주소 입력 기한이 지났어요. 이 선물은 취소되고 보내신 분께 환불돼요.',
  order_not_paid: '보내신 분의 결제가 아직 끝나지 않았어요. 잠시 뒤 다시 열어 주세요.',
};

function closed(heading: string, text: string): void {
  if (title) title.textContent = heading;
  summary?.replaceChildren(h('p', {}, text));
  if (form) form.hidden = true;
  title?.focus();
}

function showGift(gift: GiftAddressView): void {
  summary?.replaceChildren(
    h('p', {}, `${gift.recipientName}님께 ${gift.farmName}에서 선물이 도착할 예정이에요.`),
    h('ul', {}, ...gift.products.map((product) => h('li', {}, `${product.title} × ${product.quantity}`))),
    ...(gift.cardMessage ? [h('blockquote', {}, gift.cardMessage)] : []),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, '도착 예정일'),
      h('dd', {}, seoulDate(gift.deliveryDate)),
      h('dt', {}, '주소 입력 기한'),
      h('dd', {}, `${seoulTime(gift.addressDueAt)}까지`),
    ),
  );
  const name = input('recipient-name');
  if (name && !name.value) name.value = gift.recipientName;
  if (form) form.hidden = false;
}

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
  for (const field of form?.querySelectorAll('[aria-invalid]') ?? []) field.removeAttribute('aria-invalid');
  for (const problem of problems) {
    const hint = form?.querySelector<HTMLElement>(`[data-field-error="${CSS.escape(problem.field)}"]`);
    if (hint) hint.textContent = problem.message;
    input(problem.field)?.setAttribute('aria-invalid', 'true');
  }
  const first = problems[0];
  if (first) input(first.field)?.focus();
}

/** orders names the recipient schema's fields (`phone`); the inputs are `recipient-phone`. */
const inputOf: Record<string, string> = {
  name: 'recipient-name',
  phone: 'recipient-phone',
  postcode: 'recipient-postcode',
  address1: 'recipient-address1',
  address2: 'recipient-address2',
  deliveryNote: 'recipient-note',
};

async function send(event: Event): Promise<void> {
  event.preventDefault();
  const address = recipient();
  const problems = checkRecipient(address);
  showFieldProblems(problems);
  if (problems.length > 0) return;
  if (submit) submit.disabled = true;
  say(status, '주소를 보내는 중이에요…');
  const answer = await callApi('orders', path, { method: 'PUT', body: address });
  if (submit) submit.disabled = false;
  const gift = answer.status === 200 ? readGiftAddress(answer.body) : null;
  if (gift) {
    closed('주소를 받았어요', `${seoulDate(gift.deliveryDate)}에 도착하도록 보내 드릴게요. 감사합니다!`);
    return;
  }
  const code = answer.problem?.code ?? '';
  if (closedTexts[code] && code !== 'order_not_paid') return closed('주소를 입력할 수 없어요', closedTexts[code] ?? '');
  const fields = (answer.problem?.errors ?? []).flatMap((error) => {
    const id = inputOf[fieldOf(error.field)];
    return id ? [{ field: id, message: error.message }] : [];
  });
  showFieldProblems(fields);
  say(status, closedTexts[code] ?? purchaseProblemText(answer.status, answer.problem));
}

async function start(): Promise<void> {
  if (!token) return closed('주소를 입력할 수 없어요', closedTexts.gift_link_not_found ?? '');
  const answer = await callApi('orders', path);
  const gift = answer.status === 200 ? readGiftAddress(answer.body) : null;
  if (gift) return showGift(gift);
  const text = closedTexts[answer.problem?.code ?? ''] ?? purchaseProblemText(answer.status, answer.problem);
  closed('주소를 입력할 수 없어요', text);
}

form?.addEventListener('submit', (event) => void send(event));
void start();
