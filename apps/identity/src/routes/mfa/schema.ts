import { z } from '@hono/zod-openapi';
import type { IssuedMfaChallenge } from '../../domain/mfa-challenges.ts';
import { storableString, strictBody, timestampField } from '../fields.ts';

// Generous bound, like refresh tokens: anything that is not one of our challenges gets the same 401.
const challengeField = storableString()
  .min(1)
  .max(512)
  .openapi({ example: 'Zk3q9Yw1mX2pC9yK4tB7nV6rL8sD5fG1hJ2kL3mQ0aB' });

const totpCodeField = z
  .string()
  .regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app.')
  .openapi({ example: '492039' });

const recoveryCodeField = storableString().min(1).max(64).openapi({ example: 'K7QM-2XPD-9RTA-4VWH' });

/** What a correct password answers for an admin: the second step, not a session. */
export const mfaChallengeSchema = z
  .object({
    /** `required`: send a code to POST /v1/sessions/mfa. `enrolment_required`: enrol at POST /v1/me/mfa/totp first. */
    mfa: z.enum(['required', 'enrolment_required']),
    challenge: z.string(),
    challengeExpiresAt: timestampField,
  })
  .openapi('MfaChallenge', {
    example: {
      mfa: 'required',
      challenge: 'Zk3q9Yw1mX2pC9yK4tB7nV6rL8sD5fG1hJ2kL3mQ0aB',
      challengeExpiresAt: '2026-11-21T03:20:00.000Z',
    },
  });

export const mfaChallengeBody = (issued: IssuedMfaChallenge) => ({
  mfa: issued.purpose === 'login' ? ('required' as const) : ('enrolment_required' as const),
  challenge: issued.challenge,
  challengeExpiresAt: issued.expiresAt.toISOString(),
});

/** Exactly one of `code` and `recoveryCode`. */
export const finishMfaLoginBody = strictBody({
  challenge: challengeField,
  code: totpCodeField.optional(),
  recoveryCode: recoveryCodeField.optional(),
})
  .superRefine((body, context) => {
    if ((body.code === undefined) === (body.recoveryCode === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [body.code === undefined ? 'code' : 'recoveryCode'],
        message: 'Send either the 6-digit code or a recovery code, not both and not neither.',
      });
    }
  })
  .openapi('FinishMfaLogin', { example: { challenge: 'Zk3q9Yw1mX2pC9yK4tB7nV6rL8sD5fG1hJ2kL3mQ0aB', code: '492039' } });

export const beginTotpEnrolmentBody = strictBody({
  challenge: challengeField,
  password: storableString().min(1, 'Enter your password.').max(128),
}).openapi('BeginTotpEnrolment', {
  example: { challenge: 'Zk3q9Yw1mX2pC9yK4tB7nV6rL8sD5fG1hJ2kL3mQ0aB', password: 'orchard-operator-2026' },
});

export const pendingTotpSchema = z
  .object({
    otpauthUri: z.string(),
    /** The URI as an SVG QR code (an `<svg>` document), drawn by identity. */
    qrSvg: z.string(),
    /** Base32, for apps that cannot scan. */
    secret: z.string(),
    expiresAt: timestampField,
  })
  .openapi('PendingTotp');

export const confirmTotpEnrolmentBody = strictBody({ challenge: challengeField, code: totpCodeField }).openapi(
  'ConfirmTotpEnrolment',
  { example: { challenge: 'Zk3q9Yw1mX2pC9yK4tB7nV6rL8sD5fG1hJ2kL3mQ0aB', code: '492039' } },
);
