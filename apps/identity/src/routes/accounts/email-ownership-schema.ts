import { z } from '@hono/zod-openapi';
import { emailField, storableString, strictBody } from '../fields.ts';
import { passwordField } from './schema.ts';

/** A token from one of our mails: 32 random bytes, base64url (43 characters). */
export const emailTokenField = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'This is not a link from our mail.')
  .openapi({ example: 'Zq4mX1c9T0bR7yK2pW8nV5sL3dF6gH1jA0eC7uI9oQk' });

export const emailOnlyBody = (name: string) =>
  strictBody({ email: emailField }).openapi(name, { example: { email: 'minji.kim@example.kr' } });

export const tokenAndPasswordBody = (name: string) =>
  strictBody({ token: emailTokenField, newPassword: passwordField }).openapi(name, {
    example: { token: 'Zq4mX1c9T0bR7yK2pW8nV5sL3dF6gH1jA0eC7uI9oQk', newPassword: 'correct-horse-battery-staple' },
  });

export const changePasswordBody = strictBody({
  currentPassword: storableString().min(1, 'Enter your current password.').max(128),
  newPassword: passwordField,
}).openapi('ChangePassword', {
  example: { currentPassword: 'correct-horse-battery-staple', newPassword: 'sweet-persimmon-from-cheongdo' },
});

export const mailAcceptedSchema = z
  .object({ status: z.literal('accepted'), detail: z.string() })
  .openapi('MailRequestAccepted', {
    example: { status: 'accepted', detail: 'If this email has an account, a mail is on its way.' },
  });

export const MAIL_ACCEPTED = {
  status: 'accepted' as const,
  detail: 'If this email has an account, a mail is on its way.',
};
