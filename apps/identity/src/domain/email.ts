/**
 * One mailbox, one account: trimmed, Unicode-normalised and lower-cased. The local part is
 * technically case-sensitive, but no mail provider Koreans use treats it so, and letting
 * `Kim@x.kr` and `kim@x.kr` be two accounts only helps impersonation.
 */
export function normaliseEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}
