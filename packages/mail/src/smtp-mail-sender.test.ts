import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailVerificationMail } from './account-mails.ts';
import { type RunningMailCatcher, startMailCatcher } from './catcher.ts';
import { createSmtpMailSender } from './smtp-mail-sender.ts';

let catcher: RunningMailCatcher;
beforeAll(async () => {
  catcher = await startMailCatcher();
});
afterAll(async () => {
  await catcher?.stop();
});

describe('the SMTP mail sender', () => {
  it('delivers a Korean mail with its text and HTML parts over real SMTP', async () => {
    const sender = createSmtpMailSender({ url: catcher.smtpUrl });
    const to = `minji.${crypto.randomUUID().slice(0, 8)}@example.kr`;
    const mail = emailVerificationMail({
      displayName: '김민지',
      link: 'https://shop.example/account/verify?token=abc',
    });
    await sender.send({ to, ...mail });
    await sender.close();
    const caught = await catcher.inbox.waitFor(to);
    expect(caught.subject).toBe('[프루터블스] 이메일 주소를 확인해 주세요');
    expect(caught.text).toContain('김민지님, 안녕하세요.');
    expect(caught.text).toContain('https://shop.example/account/verify?token=abc');
    expect(caught.html).toContain('href="https://shop.example/account/verify?token=abc"');
  });

  it('escapes a name that carries markup, so a sign-up cannot inject HTML into our mail', () => {
    const mail = emailVerificationMail({
      displayName: '<img src=x onerror=alert(1)>',
      link: 'https://x.example/?a=1&b="2"',
    });
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).toContain('href="https://x.example/?a=1&amp;b=&quot;2&quot;"');
  });

  it('rejects when the SMTP server cannot be reached, instead of pretending the mail went out', async () => {
    const sender = createSmtpMailSender({ url: 'smtp://127.0.0.1:9', timeoutMs: 2_000 });
    await expect(sender.send({ to: 'a@example.kr', subject: 's', text: 't', html: '<p>t</p>' })).rejects.toThrow();
    await sender.close();
  });
});
