import type { CropFailurePolicy } from '@fruitables/orders/contract/values';
import type { FarmPromise } from '../answers/logistics.ts';
import type { CartItem, CartView } from '../answers/orders.ts';
import { formatKrw } from '../config.ts';
import { farmGroups } from './cart-model.ts';
import { type CheckoutChoices, chosenDate, cropFailureChoices, farmFee } from './checkout-request.ts';
import { h } from './dom.ts';

/** A radio with its label; the sentence that explains it is read as its description. */
function choice(name: string, value: string, label: string, checked: boolean, disabled: boolean, sentence?: string) {
  const id = `${name}-${value}`;
  return h(
    'div',
    { class: 'choice' },
    h('input', {
      type: 'radio',
      id,
      name,
      value,
      checked,
      disabled,
      'aria-describedby': sentence ? `${id}-about` : null,
    }),
    h('label', { for: id }, label),
    sentence ? h('span', { id: `${id}-about`, class: 'muted choice-about' }, sentence) : null,
  );
}

function datesFieldset(farmId: string, farmName: string, promise: FarmPromise | undefined, choices: CheckoutChoices) {
  const date = chosenDate(promise, choices.dates.get(farmId));
  if (date) choices.dates.set(farmId, date);
  else choices.dates.delete(farmId);
  const options = promise?.dates ?? [];
  return h(
    'fieldset',
    { 'data-dates': farmId },
    h('legend', {}, `${farmName} 도착일`),
    options.length === 0
      ? h('p', { class: 'muted' }, '우편번호를 입력하면 고를 수 있는 날짜를 보여 드려요.')
      : options.map((option) =>
          choice(
            `date-${farmId}`,
            option.date,
            option.available ? option.label : `${option.label} (마감)`,
            option.date === date,
            !option.available,
          ),
        ),
  );
}

function policyFieldset(item: CartItem, choices: CheckoutChoices) {
  const current = choices.policies.get(item.offerId) ?? 'refund';
  choices.policies.set(item.offerId, current);
  return h(
    'fieldset',
    { class: 'policy', 'data-policy': item.offerId },
    h('legend', {}, `${item.title} ${item.quantity}상자 — 수확이 모자라면`),
    cropFailureChoices.map((option) =>
      choice(`policy-${item.offerId}`, option.policy, option.label, option.policy === current, false, option.sentence),
    ),
  );
}

/**
 * One section per farm: its promise (or why it cannot deliver here), the arrival dates to
 * choose from (full ones shown, disabled), each line with its crop-failure choice, and the
 * farm's goods and fee. Choices live in `choices` so a redraw (a new postcode) keeps them.
 */
export function drawFarms(
  container: HTMLElement,
  view: CartView,
  promises: Map<string, FarmPromise>,
  choices: CheckoutChoices,
): void {
  const sections = farmGroups(view).map(({ farm, items }) => {
    const promise = promises.get(farm.farmId) ?? farm.promise ?? undefined;
    const goods = items.reduce((sum, item) => sum + item.lineTotal, 0);
    const fee = farmFee(goods, promise, farm.deliveryFee);
    return h(
      'section',
      { class: 'checkout-farm', 'data-farm': farm.farmId },
      h('h2', {}, farm.farmName || '농장'),
      promise && !promise.deliverable
        ? h('p', { class: 'field-error' }, promise.reason ?? '이 주소로는 배송할 수 없어요.')
        : promise?.headline
          ? h('p', { class: 'cart-promise' }, `🚚 ${promise.headline}`)
          : null,
      h(
        'ul',
        { class: 'checkout-lines' },
        items.map((item) =>
          h(
            'li',
            {},
            `${item.title} · ${item.grade} × ${item.quantity}상자 `,
            h('span', { class: 'price' }, formatKrw(item.lineTotal)),
          ),
        ),
      ),
      h('p', { class: 'muted' }, `상품 ${formatKrw(goods)} · 배송비 ${fee === 0 ? '무료' : formatKrw(fee)}`),
      datesFieldset(farm.farmId, farm.farmName || '농장', promise, choices),
      items.map((item) => policyFieldset(item, choices)),
    );
  });
  container.replaceChildren(...sections);
}

/** Keeps `choices` in step with the radios the shopper presses. */
export function followChoices(container: HTMLElement, choices: CheckoutChoices): void {
  container.addEventListener('change', (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== 'radio') return;
    if (input.name.startsWith('date-')) choices.dates.set(input.name.slice(5), input.value);
    if (input.name.startsWith('policy-')) choices.policies.set(input.name.slice(7), input.value as CropFailurePolicy);
  });
}
