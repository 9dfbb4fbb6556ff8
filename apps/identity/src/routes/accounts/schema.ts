import { z } from '@hono/zod-openapi';
import { displayNameField, emailField, mobileField, storableString, strictBody } from '../fields.ts';

export const passwordField = storableString()
  .min(10, 'Use at least 10 characters.')
  // argon2 cost grows with input length; nobody types more than this.
  .max(128, 'Use at most 128 characters.')
  .openapi({ example: 'correct-horse-battery-staple' });

export const signUpBody = strictBody({
  email: emailField,
  password: passwordField,
  displayName: displayNameField,
  mobile: mobileField.optional(),
}).openapi('SignUp', {
  example: {
    email: 'minji.kim@example.kr',
    password: 'correct-horse-battery-staple',
    displayName: '김민지',
    mobile: '010-1234-5678',
  },
});

export const signUpAcceptedSchema = z
  .object({ status: z.literal('accepted'), detail: z.string() })
  .openapi('SignUpAccepted', {
    example: { status: 'accepted', detail: 'If this email can be used, the account is ready: sign in with it.' },
  });
