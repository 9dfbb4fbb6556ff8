import { accountExistsMail, emailVerificationMail, type MailSender, passwordResetMail } from '@fruitables/mail';

/** The mails identity sends about an account; links point at the shop's pages, which call the API. */
export interface AccountMailer {
  sendVerification(to: { email: string; displayName: string }, token: string): Promise<void>;
  sendPasswordReset(to: { email: string; displayName: string }, token: string): Promise<void>;
  sendAccountExists(to: { email: string; displayName: string }): Promise<void>;
}

/**
 * `publicUrl` is the shop's origin (IDENTITY_PUBLIC_URL), never a request's Host header: a
 * forged Host would otherwise make us mail a reset link to an attacker's site.
 */
export function createAccountMailer(options: { sender: MailSender; publicUrl: string }): AccountMailer {
  const link = (path: string, token?: string) => {
    const url = new URL(path, `${options.publicUrl}/`);
    if (token) url.searchParams.set('token', token);
    return url.toString();
  };
  return {
    async sendVerification(to, token) {
      const mail = emailVerificationMail({ displayName: to.displayName, link: link('account/verify/', token) });
      await options.sender.send({ to: to.email, ...mail });
    },
    async sendPasswordReset(to, token) {
      const mail = passwordResetMail({ displayName: to.displayName, link: link('account/reset/', token) });
      await options.sender.send({ to: to.email, ...mail });
    },
    async sendAccountExists(to) {
      const mail = accountExistsMail({ displayName: to.displayName, link: link('account/forgot/') });
      await options.sender.send({ to: to.email, ...mail });
    },
  };
}
