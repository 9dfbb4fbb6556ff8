import type { SocialProvider } from '@fruitables/schema-identity';
import type { SocialProviderClient } from './social-client.ts';
import { providerNotConfigured } from './social-errors.ts';
import { createKakaoClient } from './social-kakao.ts';
import { createNaverClient } from './social-naver.ts';

export interface SocialProviderCredentials {
  clientId: string;
  clientSecret: string;
  authUrl: string;
  apiUrl: string;
}

/** Social login as configured at boot (`socialLoginConfigFrom` in env.ts). */
export interface SocialLoginConfig {
  /** identity's public base URL as browsers reach it, e.g. https://fruitables.kr/api/identity. */
  redirectBase: string;
  /** Per call to a provider. */
  timeoutMs: number;
  providers: Partial<Record<SocialProvider, SocialProviderCredentials>>;
}

/** The configured providers, in the order the storefront shows their buttons. */
export interface SocialProviders {
  list(): SocialProviderClient[];
  /** The provider's client, or a 404 `provider_not_configured` when it has no credentials. */
  require(name: SocialProvider): SocialProviderClient;
  /** A public URL under identity (the start link the storefront puts on a button). */
  publicUrl(path: string): string;
}

/** The callback each provider's console must list as a redirect URI. */
export const socialCallbackPath = (provider: SocialProvider): string => `/v1/social/${provider}/callback`;

const factories = { kakao: createKakaoClient, naver: createNaverClient } as const;

export function createSocialProviders(config: SocialLoginConfig | undefined): SocialProviders {
  const clients = new Map<SocialProvider, SocialProviderClient>();
  for (const name of ['kakao', 'naver'] as const) {
    const credentials = config?.providers[name];
    if (!config || !credentials) continue;
    clients.set(
      name,
      factories[name]({
        ...credentials,
        redirectUri: `${config.redirectBase}${socialCallbackPath(name)}`,
        timeoutMs: config.timeoutMs,
      }),
    );
  }
  return {
    list: () => [...clients.values()],
    require(name) {
      const client = clients.get(name);
      if (!client) throw providerNotConfigured(name);
      return client;
    },
    publicUrl: (path) => `${config?.redirectBase ?? ''}${path}`,
  };
}
