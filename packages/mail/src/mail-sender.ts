/** One mail as every sender takes it: plain text for every client, HTML for the ones that show it. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Where a service hands its mail. The SMTP sender is the only production one; a service never
 * talks to nodemailer directly, so a provider change (or the local catcher) is a URL, not code.
 */
export interface MailSender {
  send(message: MailMessage): Promise<void>;
  /** Closes pooled connections; a sender must not be used afterwards. */
  close(): Promise<void>;
}
