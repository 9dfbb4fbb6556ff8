import nodemailer from 'nodemailer';
import type { MailMessage, MailSender } from './mail-sender.ts';

export interface SmtpMailSenderOptions {
  /** `smtp://user:pass@host:port` or `smtps://…` (credentials in the URL, from the environment). */
  url: string;
  /** The From header, e.g. `Fruitables <no-reply@fruitables.kr>`. */
  from?: string;
  /** Per connection, greeting and socket step; mail must not hold a request or a job forever. */
  timeoutMs?: number;
}

export const DEFAULT_FROM = 'Fruitables <no-reply@fruitables.kr>';

/**
 * Sends over SMTP with nodemailer, through a small connection pool so a burst of mails does
 * not open one TCP connection each. `send` resolves once the server accepted the message.
 */
export function createSmtpMailSender(options: SmtpMailSenderOptions): MailSender {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const transport = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: 2,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  const from = options.from ?? DEFAULT_FROM;
  return {
    async send(message: MailMessage) {
      await transport.sendMail({ from, ...message });
    },
    async close() {
      transport.close();
    },
  };
}
