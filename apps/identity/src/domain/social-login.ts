import { applyAccountRevocation } from './access-token-revocation.ts';
import type { DomainContext } from './context.ts';
import { type SessionTokens, startSession } from './sessions.ts';
import { resolveSocialAccount } from './social-accounts.ts';
import type { SocialProviderClient } from './social-client.ts';
import { missingAuthorizationCode, providerDenied, SocialProviderFailure } from './social-errors.ts';
import { savePendingLogin, takePendingLogin } from './social-state.ts';

/** Starts a sign-in: the provider URL to send the browser to, and the binding it must bring back. */
export async function beginSocialLogin(
  ctx: Pick<DomainContext, 'redis' | 'clock'>,
  provider: SocialProviderClient,
  returnTo: string,
): Promise<{ authorizationUrl: URL; binding: string }> {
  const started = await savePendingLogin(ctx, { provider: provider.name, returnTo });
  return { authorizationUrl: provider.authorizationUrl(started.state, started.codeVerifier), binding: started.binding };
}

export interface SocialCallback {
  state: string | undefined;
  code: string | undefined;
  /** Set by the provider when the person cancelled or the provider refused. */
  error: string | undefined;
  /** The browser binding cookie, if the browser sent it. */
  binding: string | undefined;
}

/**
 * Finishes a sign-in: claims the state (first, so a callback is never replayable whatever
 * happens next), trades the code, reads the profile, finds or makes the account, and starts
 * the same session a password login starts.
 */
export async function finishSocialLogin(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'redis' | 'tokens' | 'logger' | 'sessionPolicy'>,
  provider: SocialProviderClient,
  callback: SocialCallback,
): Promise<{ tokens: SessionTokens; returnTo: string }> {
  const pending = await takePendingLogin(ctx, {
    provider: provider.name,
    state: callback.state,
    binding: callback.binding,
  });
  if (callback.error) {
    ctx.logger.info({ provider: provider.name, providerError: callback.error }, 'social sign-in not authorised');
    throw providerDenied(provider.name);
  }
  if (!callback.code || !callback.state) throw missingAuthorizationCode(provider.name);
  let profile: Awaited<ReturnType<SocialProviderClient['fetchProfile']>>;
  try {
    const accessToken = await provider.exchangeCode({
      code: callback.code,
      codeVerifier: pending.codeVerifier,
      state: callback.state,
    });
    profile = await provider.fetchProfile(accessToken);
  } catch (error) {
    if (error instanceof SocialProviderFailure) {
      ctx.logger.warn({ provider: provider.name, ...error.logFields }, 'social provider call failed');
    }
    throw error;
  }
  const account = await resolveSocialAccount(ctx, provider.name, profile);
  if (account.revocation) {
    await applyAccountRevocation(ctx, account.revocation);
    ctx.logger.warn(
      { securityEvent: 'unverified_account_claimed', provider: provider.name, accountId: account.id },
      'unverified account taken over by a provider-verified email: password and sessions removed',
    );
  }
  if (account.outcome === 'linked_by_email') {
    ctx.logger.info(
      { securityEvent: 'social_identity_linked', provider: provider.name, accountId: account.id },
      'social identity linked by verified email',
    );
  }
  ctx.logger.info({ provider: provider.name, accountId: account.id, outcome: account.outcome }, 'social sign-in');
  const tokens = await startSession(ctx, account);
  return { tokens, returnTo: pending.returnTo };
}
