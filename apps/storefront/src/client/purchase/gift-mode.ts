import { readGiftRecipientList } from '../answers/orders.ts';
import { csvBlob, download } from '../console/csv-download.ts';
import { koreanPart } from '../console/problem-text.ts';
import { h, say } from './dom.ts';
import {
  emptyGiftRow,
  type FileRowError,
  fileRowErrors,
  type GiftRow,
  type GiftRowProblem,
  MAX_GIFT_RECIPIENTS,
  rowsFromFile,
} from './gift-recipients.ts';
import { callApi } from './http.ts';
import { purchaseProblemText } from './problem-text.ts';

// 선물하기 (여러 분께 보내기): the checkout's list of recipients, typed in or read from a CSV/XLSX
// by orders (which reports every broken row and column; shown as the farmer console shows a
// harvest file's, with the same download). Each recipient has an address, or "주소는 받는 분이
// 직접 입력" for a link the buyer forwards after paying.

export interface GiftMode {
  rows(): GiftRow[];
  showProblems(problems: GiftRowProblem[]): void;
}

const fieldLabels: [keyof GiftRow, string, Record<string, string>][] = [
  ['name', '이름', { autocomplete: 'off', maxlength: '40' }],
  ['phone', '휴대폰 번호', { type: 'tel', inputmode: 'tel', autocomplete: 'off' }],
  ['postcode', '우편번호 (숫자 5자리)', { inputmode: 'numeric', maxlength: '5', autocomplete: 'off' }],
  ['address1', '주소', { maxlength: '200', autocomplete: 'off' }],
  ['address2', '상세 주소 (선택)', { maxlength: '200', autocomplete: 'off' }],
  ['cardMessage', '카드 메시지 (선택)', { maxlength: '200', autocomplete: 'off' }],
  ['deliveryDate', '도착일', { type: 'date' }],
];
const addressFields = new Set<keyof GiftRow>(['postcode', 'address1', 'address2']);
const idOf = (index: number, field: keyof GiftRow) => `gift-${index}-${field}`;

/** The file's problems on screen and as a CSV to fix in Excel (the console's download). */
function rowErrorsSection(errors: FileRowError[], fileName: string): HTMLElement {
  const rows = errors.map((error) => [
    error.row || '파일',
    error.column || '-',
    koreanPart(error.message) || error.message,
  ]);
  const save = () =>
    download(csvBlob([['행', '열', '문제'], ...rows]), `오류-${fileName.replace(/\.[^.]+$/, '') || '받는분'}.csv`);
  return h(
    'section',
    { 'data-row-errors': true, 'aria-labelledby': 'gift-errors-title' },
    h('h3', { id: 'gift-errors-title', tabindex: '-1' }, `고칠 곳 ${errors.length.toLocaleString('ko-KR')}군데`),
    h('p', {}, '아래 칸을 파일에서 고친 뒤 다시 올려 주세요. 오류가 하나라도 있으면 아무도 추가하지 않아요.'),
    h('p', {}, h('button', { type: 'button', class: 'button-secondary', onclick: save }, '오류 목록 내려받기 (CSV)')),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, '행'),
            h('th', { scope: 'col' }, '열'),
            h('th', { scope: 'col' }, '문제'),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map(([row, column, problem]) =>
            h(
              'tr',
              { 'data-row-error': true },
              h('td', {}, String(row)),
              h('td', {}, String(column)),
              h('td', {}, String(problem)),
            ),
          ),
        ),
      ),
    ),
  );
}

/** Builds the gift list inside `box`; `defaultDate` gives a new recipient their first date. */
export function startGiftMode(box: HTMLElement, defaultDate: () => string): GiftMode {
  let rows: GiftRow[] = [emptyGiftRow(defaultDate())];
  const list = h('div', { 'data-gift-rows': true });
  const fileStatus = h('p', { role: 'status', class: 'form-status' });
  const errorsBox = h('div', {});
  const add = h('button', { type: 'button', class: 'button-secondary', 'data-gift-add': true }, '받는 분 추가');

  const draw = (focusIndex?: number) => {
    list.replaceChildren(
      ...rows.map((row, index) => {
        const inputs = fieldLabels.map(([field, label, attributes]) => {
          const id = idOf(index, field);
          const hidden = row.addressByLink && addressFields.has(field);
          return h(
            'div',
            { class: 'gift-field', hidden },
            h('label', { for: id }, label),
            h('input', {
              id,
              name: id,
              value: String(row[field] ?? ''),
              'aria-describedby': `${id}-error`,
              ...attributes,
              oninput: (event: Event) => {
                const text = (event.target as HTMLInputElement).value.trim();
                rows[index] = {
                  ...rows[index],
                  [field]: field === 'cardMessage' || field === 'deliveryNote' ? text || null : text,
                } as GiftRow;
              },
            }),
            h('span', { class: 'field-error', id: `${id}-error`, 'data-field-error': id }),
          );
        });
        const byLink = h('input', {
          type: 'checkbox',
          id: idOf(index, 'addressByLink'),
          checked: row.addressByLink,
          onchange: (event: Event) => {
            const current = rows[index];
            if (!current) return;
            rows[index] = { ...current, addressByLink: (event.target as HTMLInputElement).checked };
            draw();
            document.getElementById(idOf(index, 'addressByLink'))?.focus();
          },
        });
        return h(
          'fieldset',
          { class: 'recipient gift-recipient' },
          h('legend', {}, `받는 분 ${index + 1}`),
          ...inputs.slice(0, 2),
          h('label', { class: 'check' }, byLink, ' 주소는 받는 분이 직접 입력'),
          row.addressByLink
            ? h(
                'p',
                { class: 'muted' },
                '결제 후 주문 상세에서 받는 분께 보낼 주소 입력 링크를 드려요. 기한까지 입력하지 않으면 그분 몫만 취소·환불돼요.',
              )
            : null,
          ...inputs.slice(2),
          rows.length > 1
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'button-secondary',
                  onclick: () => {
                    rows = rows.filter((_, at) => at !== index);
                    draw(Math.max(0, index - 1));
                  },
                },
                `받는 분 ${index + 1} 빼기`,
              )
            : null,
        );
      }),
    );
    add.hidden = rows.length >= MAX_GIFT_RECIPIENTS;
    if (focusIndex !== undefined) document.getElementById(idOf(focusIndex, 'name'))?.focus();
  };
  add.addEventListener('click', () => {
    rows = [...rows, emptyGiftRow(defaultDate())];
    draw(rows.length - 1);
  });

  const fileInput = h('input', { type: 'file', id: 'gift-file', accept: '.csv,.xlsx,text/csv' });
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    errorsBox.replaceChildren();
    say(fileStatus, `${file.name}을 읽는 중이에요…`);
    const form = new FormData();
    form.append('file', file, file.name);
    const answer = await callApi('orders', '/v1/gift-checkouts/recipients', {
      method: 'POST',
      body: form,
      signedIn: true,
    });
    fileInput.value = '';
    const list = answer.status === 200 ? readGiftRecipientList(answer.body) : null;
    if (list) {
      rows = rowsFromFile(list.recipients);
      say(fileStatus, `받는 분 ${rows.length}명을 불러왔어요. 확인하고 결제해 주세요.`);
      return draw();
    }
    if (answer.problem?.code === 'recipients_invalid') {
      say(fileStatus, '');
      errorsBox.replaceChildren(rowErrorsSection(fileRowErrors(answer.problem.errors ?? []), file.name));
      errorsBox.querySelector<HTMLElement>('#gift-errors-title')?.focus();
      return;
    }
    say(fileStatus, purchaseProblemText(answer.status, answer.problem));
  });

  box.replaceChildren(
    h(
      'div',
      { class: 'gift-file' },
      h('label', { for: 'gift-file' }, '받는 분 목록 올리기 (CSV·XLSX, 100명까지)'),
      fileInput,
      h('p', { class: 'muted' }, '머리글: 이름, 휴대폰, 우편번호, 주소, 상세주소, 배송메모, 카드메시지, 배송일'),
      fileStatus,
      errorsBox,
    ),
    list,
    add,
  );
  draw();

  return {
    rows: () => rows,
    showProblems(problems) {
      for (const hint of list.querySelectorAll<HTMLElement>('[data-field-error]')) hint.textContent = '';
      for (const field of list.querySelectorAll('[aria-invalid]')) field.removeAttribute('aria-invalid');
      for (const problem of problems) {
        const id = idOf(problem.index, problem.field);
        const hint = list.querySelector<HTMLElement>(`[data-field-error="${CSS.escape(id)}"]`);
        if (hint) hint.textContent = problem.message;
        document.getElementById(id)?.setAttribute('aria-invalid', 'true');
      }
      const first = problems[0];
      if (first) document.getElementById(idOf(first.index, first.field))?.focus();
    },
  };
}
