import { DomainError, NotFound } from '@fruitables/kit';
import type { SocialProvider } from '@fruitables/schema-identity';

/*
 * What can go wrong in a social sign-in, as problems the storefront can branch on. Nothing here
 * is a 500: a provider that misbehaves is a 502 (their side), a callback we cannot trust is a
 * 400 (start again), and neither reveals more than that.
 */

export const providerLabels: Record<SocialProvider, string> = { kakao: 'Kakao', naver: 'Naver' };

export const providerNotConfigured = (provider: SocialProvider): NotFound =>
  new NotFound(
    `${providerLabels[provider]} login is not available: this deployment has no ${providerLabels[provider]} credentials.`,
    'provider_not_configured',
  );

export const invalidState = (): DomainError =>
  new DomainError(
    400,
    'invalid_state',
    'This sign-in attempt has expired, was already used, or was started in another browser. Start again.',
  );

export const providerDenied = (provider: SocialProvider): DomainError =>
  new DomainError(
    400,
    'provider_denied',
    `${providerLabels[provider]} did not authorise the sign-in (it was cancelled or refused). Start again to retry.`,
  );

export const missingAuthorizationCode = (provider: SocialProvider): DomainError =>
  new DomainError(400, 'invalid_callback', `${providerLabels[provider]} sent no authorization code. Start again.`);

/** A failed call to the provider, with the details operators need kept out of the response and put in the log. */
export class SocialProviderFailure extends DomainError {
  constructor(
    status: 400 | 502,
    code: string,
    message: string,
    readonly logFields: Record<string, unknown>,
  ) {
    super(status, code, message);
  }
}

export const authorizationCodeRejected = (provider: SocialProvider, providerError: string): SocialProviderFailure =>
  new SocialProviderFailure(
    400,
    'authorization_code_rejected',
    `${providerLabels[provider]} refused the authorization code (expired, already used, or not issued to this sign-in). Start again.`,
    { step: 'token', providerError },
  );

export const providerUnavailable = (provider: SocialProvider, fields: Record<string, unknown>): SocialProviderFailure =>
  new SocialProviderFailure(
    502,
    'provider_unavailable',
    `${providerLabels[provider]} did not complete the sign-in. Try again in a moment.`,
    { step: 'token', ...fields },
  );

export const profileUnavailable = (provider: SocialProvider, fields: Record<string, unknown>): SocialProviderFailure =>
  new SocialProviderFailure(
    502,
    'profile_unavailable',
    `${providerLabels[provider]} did not give us your profile. Try again in a moment.`,
    { step: 'profile', ...fields },
  );
