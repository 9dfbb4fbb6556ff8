export { accountExistsMail, emailVerificationMail, passwordResetMail } from './account-mails.ts';
export type { MailMessage, MailSender } from './mail-sender.ts';
export { createRecordingMailSender, type RecordingMailSender } from './recording-mail-sender.ts';
export { type ActionMail, escapeHtml, renderActionMail } from './render.ts';
export { createSmtpMailSender, DEFAULT_FROM, type SmtpMailSenderOptions } from './smtp-mail-sender.ts';
