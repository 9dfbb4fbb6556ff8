import { DomainError, Invalid, NotFound } from '@fruitables/core';
import type { SocialProvider } from '@fruitables/schema-identity';

/*
 * What can go wrong in a social sign-in, as problems the storefront can branch on. Nothing here
 * is a 500: a provider that misbehaves is `upstream_failed` (their side, a 502), a callback we
 * cannot trust is `invalid` (start again, a 400), and neither reveals more than that.
 */

export const providerLabels: Record<SocialProvider, string> = { kakao: 'Kakao', naver: 'Naver' };

export const providerNotConfigured = (provider: SocialProvider): NotFound =>
  new NotFound(
    `${providerLabels[provider]} login is not available: this deployment has no ${providerLabels[provider]} credentials.`,
    'provider_not_configured',
  );

export const invalidState = (): Invalid =>
  new Invalid(
    'This sign-in attempt has expired, was already used, or was started in another browser. Start again.',
    'invalid_state',
  );

export const providerDenied = (provider: SocialProvider): Invalid =>
  new Invalid(
    `${providerLabels[provider]} did not authorise the sign-in (it was cancelled or refused). Start again to retry.`,
    'provider_denied',
  );

export const missingAuthorizationCode = (provider: SocialProvider): Invalid =>
  new Invalid(`${providerLabels[provider]} sent no authorization code. Start again.`, 'invalid_callback');

/** A failed call to the provider, with the details operators need kept out of the response and put in the log. */
export class SocialProviderFailure extends DomainError {
  constructor(
    kind: 'invalid' | 'upstream_failed',
    code: string,
    message: string,
    readonly logFields: Record<string, unknown>,
  ) {
    super(kind, code, message);
  }
}

export const authorizationCodeRejected = (provider: SocialProvider, providerError: string): SocialProviderFailure =>
  new SocialProviderFailure(
    'invalid',
    'authorization_code_rejected',
    `${providerLabels[provider]} refused the authorization code (expired, already used, or not issued to this sign-in). Start again.`,
    { step: 'token', providerError },
  );

export const providerUnavailable = (provider: SocialProvider, fields: Record<string, unknown>): SocialProviderFailure =>
  new SocialProviderFailure(
    'upstream_failed',
    'provider_unavailable',
    `${providerLabels[provider]} did not complete the sign-in. Try again in a moment.`,
    { step: 'token', ...fields },
  );

export const profileUnavailable = (provider: SocialProvider, fields: Record<string, unknown>): SocialProviderFailure =>
  new SocialProviderFailure(
    'upstream_failed',
    'profile_unavailable',
    `${providerLabels[provider]} did not give us your profile. Try again in a moment.`,
    { step: 'profile', ...fields },
  );
