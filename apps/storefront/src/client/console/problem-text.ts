import type { Problem } from '../session-store.ts';

/**
 * The Korean part of a catalog message. Catalog writes Korean first and English after
 * ("3행 '등급': … 중 하나입니다. Row 3, column …"): the English starts at the first sentence
 * that opens with a capitalised Latin word.
 */
export function koreanPart(message: string): string {
  // A message that opens in English is English throughout (identity's), Hangul names in it or not.
  if (/^[A-Za-z]/.test(message.trim())) return '';
  const english = /[.!?)]\s+(?=[A-Z][a-z])/.exec(message);
  const korean = english ? message.slice(0, english.index + 1) : message;
  return /[가-힣]/.test(korean) ? korean.trim() : '';
}

const byStatus: Record<number, string> = {
  0: '연결이 원활하지 않아요. 인터넷 연결을 확인하고 다시 시도해 주세요.',
  401: '로그인이 필요해요. 다시 로그인해 주세요.',
  403: '이 작업을 할 권한이 없어요. 농장 계정으로 로그인했는지 확인해 주세요.',
  404: '찾을 수 없어요. 목록을 새로 고친 뒤 다시 시도해 주세요.',
  409: '다른 변경과 겹쳤어요. 화면을 새로 고친 뒤 다시 시도해 주세요.',
  413: '파일이 너무 커요. 더 작게 나누거나 줄여서 다시 올려 주세요.',
  415: '이 형식의 파일은 올릴 수 없어요. CSV나 XLSX(엑셀) 파일을 골라 주세요.',
  422: '입력한 내용을 확인해 주세요.',
  429: '요청이 너무 많아요. 잠시 후 다시 시도해 주세요.',
};

/** One sentence for the farmer: the service's own Korean when it wrote one, else by status. */
export function problemText(status: number, problem: Problem | null): string {
  const detail = koreanPart(problem?.detail ?? '');
  if (detail && status !== 401) return detail;
  if (status >= 500) return '서버에 잠시 문제가 있어요. 잠시 후 다시 시도해 주세요. 계속되면 고객센터에 알려 주세요.';
  return byStatus[status] ?? byStatus[422] ?? '';
}

/** Field → Korean hint, for problems whose per-field messages are English (identity's). */
export function fieldErrors(problem: Problem | null, hints: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const error of problem?.errors ?? []) {
    const field = error.field.replace(/^body\./, '');
    errors[field] = koreanPart(error.message) || hints[field] || '이 칸을 다시 확인해 주세요.';
  }
  return errors;
}
