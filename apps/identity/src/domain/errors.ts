import { Forbidden, Invalid, Unauthorized, ValidationFailed } from '@fruitables/core';

/*
 * Errors the identity domain throws more than once. Messages are what a person reads; codes
 * are what clients branch on. Where an answer must not reveal whether an account exists,
 * every path throws the same factory.
 */

export const invalidCredentials = (): Unauthorized =>
  new Unauthorized('The email or password is wrong.', 'invalid_credentials');

export const invalidRefreshToken = (): Unauthorized =>
  new Unauthorized('This session has ended; sign in again.', 'invalid_refresh_token');

/** Only a caller who proved the password (or owns the session) learns this. */
export const accountDisabled = (): Forbidden =>
  new Forbidden('This account is disabled. Contact support to have it enabled again.', 'account_disabled');

/** Unknown, used, expired and wrong-purpose links all look alike. */
export const invalidEmailToken = (): ValidationFailed =>
  new ValidationFailed('This link has expired or was already used. Ask for a new one.', [
    { field: 'token', message: 'This link has expired or was already used.' },
  ]);

/** The caller is signed in; what is wrong is a field they typed, so it is named like any invalid field. */
export const wrongCurrentPassword = (): Invalid =>
  new Invalid('The current password is wrong.', 'wrong_current_password', [
    { field: 'currentPassword', message: 'Type the password you sign in with now.' },
  ]);
