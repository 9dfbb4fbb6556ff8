/**
 * Korean identifiers as people type them (with or without hyphens), normalised to digits so
 * one number has one stored form.
 */

const digitsOnly = (value: string): string => value.replace(/[\s-]/g, '');

/** 010-1234-5678 → 01012345678; undefined when it is not a Korean mobile number. */
export function normaliseMobile(value: string): string | undefined {
  const digits = digitsOnly(value);
  return /^01[016789]\d{7,8}$/.test(digits) ? digits : undefined;
}

/** Any Korean phone (mobile, landline with area code, 050x/070 virtual numbers); undefined otherwise. */
export function normalisePhone(value: string): string | undefined {
  const digits = digitsOnly(value);
  return /^0\d{8,10}$/.test(digits) ? digits : undefined;
}

/** 우편번호: the five-digit zone code used since 2015. */
export const isZoneCode = (value: string): boolean => /^\d{5}$/.test(value);

const BRN_WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5] as const;

/**
 * 사업자등록번호 check digit, as the National Tax Service defines it: weighted sum of the first
 * nine digits, plus the carry of the ninth digit times five, and the tenth digit completes it to
 * a multiple of ten. Returns the ten digits, or undefined when the checksum fails.
 */
export function normaliseBusinessRegistrationNumber(value: string): string | undefined {
  const digits = digitsOnly(value);
  if (!/^\d{10}$/.test(digits)) return undefined;
  const numbers = [...digits].map(Number);
  let sum = 0;
  BRN_WEIGHTS.forEach((weight, index) => {
    sum += (numbers[index] ?? 0) * weight;
  });
  sum += Math.floor(((numbers[8] ?? 0) * 5) / 10);
  const check = (10 - (sum % 10)) % 10;
  return check === numbers[9] ? digits : undefined;
}

/** Bank account numbers are 10–16 digits at Korean banks; hyphen placement differs per bank, so it is dropped. */
export function normaliseBankAccountNumber(value: string): string | undefined {
  const digits = digitsOnly(value);
  return /^\d{10,16}$/.test(digits) ? digits : undefined;
}
