import type { MailMessage, MailSender } from './mail-sender.ts';

/** Keeps what was sent, in order: for tests whose subject is not the mail itself. */
export interface RecordingMailSender extends MailSender {
  readonly sent: readonly MailMessage[];
}

export function createRecordingMailSender(): RecordingMailSender {
  const sent: MailMessage[] = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
    },
    async close() {},
  };
}
