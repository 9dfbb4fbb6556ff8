/**
 * Toss's two-digit bank codes (`virtualAccount.bankCode`, `refundReceiveAccount.bank`) for the
 * banks that issue virtual accounts and take refunds.
 */
const bankNames: Record<string, string> = {
  '02': 'KDB산업은행',
  '03': 'IBK기업은행',
  '06': 'KB국민은행',
  '07': '수협은행',
  '11': 'NH농협은행',
  '20': '우리은행',
  '23': 'SC제일은행',
  '27': '씨티은행',
  '31': 'iM뱅크',
  '32': '부산은행',
  '34': '광주은행',
  '35': '제주은행',
  '37': '전북은행',
  '39': '경남은행',
  '45': '새마을금고',
  '48': '신협',
  '71': '우체국',
  '81': '하나은행',
  '88': '신한은행',
  '89': '케이뱅크',
  '90': '카카오뱅크',
  '92': '토스뱅크',
};

/** The bank's Korean name for a code, or the code itself for one this table does not know. */
export const bankNameOf = (bankCode: string): string => bankNames[bankCode] ?? bankCode;

/** Whether Toss knows this bank code (a refund account must be at one of these banks). */
export const isTossBankCode = (code: string): boolean => Object.hasOwn(bankNames, code);

export const tossBankCodes = (): string[] => Object.keys(bankNames);
