import { Conflict, Forbidden, Unauthorized } from '@fruitables/core';

/* Errors of the admin second factor. Codes are what the console branches on. */

/** A wrong, reused or out-of-window TOTP code, or an unknown or spent recovery code: one answer for all. */
export const invalidMfaCode = (): Unauthorized =>
  new Unauthorized('That code is not valid. Enter the current 6-digit code from your app.', 'invalid_mfa_code');

export const invalidMfaChallenge = (): Unauthorized =>
  new Unauthorized('This sign-in step has expired or was already used; sign in again.', 'invalid_mfa_challenge');

/** An admin session needs the second factor, which only the email + password log-in asks for. */
export const secondFactorRequired = (): Forbidden =>
  new Forbidden('Admin accounts sign in with email, password and their authenticator code.', 'second_factor_required');

export const totpAlreadyEnrolled = (): Conflict =>
  new Conflict('This account already has an authenticator app enrolled.', 'totp_already_enrolled');

export const noPendingTotpEnrolment = (): Conflict =>
  new Conflict(
    'Start the enrolment again: there is no pending authenticator secret, or it expired.',
    'no_pending_totp',
  );
