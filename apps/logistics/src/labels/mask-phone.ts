/** "010-1234-5678" → "010-****-5678": the courier can call, a stranger reading the box cannot. */
export function maskPhone(phone: string): string {
  const digits = phone.replaceAll(/\D/g, '');
  if (digits.length < 8) return '*'.repeat(digits.length);
  const head = digits.slice(0, 3);
  const tail = digits.slice(-4);
  return `${head}-${'*'.repeat(digits.length - 7)}-${tail}`;
}
