/**
 * One mailbox, one account: trimmed, Unicode-normalised and lower-cased. The local part is
 * technically case-sensitive, but no mail provider Koreans use treats it so, and letting
 * `Kim@x.kr` and `kim@x.kr` be two accounts only helps impersonation.
 */
export function normaliseEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

/** Placeholder addresses of social-only accounts (`.invalid`, RFC 2606) never get mail. */
export function isDeliverable(email: string): boolean {
  return !email.endsWith('.invalid');
}
