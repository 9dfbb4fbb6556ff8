import { type Clock, DomainError, systemClock } from '@fruitables/core';
import { z } from 'zod';

export interface ServiceTokenProviderOptions {
  /** identity's OAuth2 token endpoint. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** The one service the token is for (its `aud`), e.g. `catalog`. A token is good at one callee only. */
  audience: string;
  /** The scopes to ask for at that service, e.g. `['catalog:holds']`; identity refuses any not granted to this client. */
  scopes: readonly string[];
  fetch?: typeof fetch;
  clock?: Clock;
  /** Fetch a new token this long before the cached one expires, so it never expires in flight. */
  refreshSkewSeconds?: number;
  timeoutMs?: number;
}

export interface ServiceTokenProvider {
  /** A valid access token for this service, from cache while it has more than the skew left. */
  getToken(): Promise<string>;
  /** Drops the cached token, e.g. after a downstream service answered 401 with it. */
  invalidate(): void;
}

/**
 * This service could not get its own credentials from identity, so the call it wanted to make
 * cannot happen. `reason` is for logs; the problem detail the end user sees stays generic.
 */
export class ServiceTokenUnavailable extends DomainError {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      'unavailable',
      'service_credentials_unavailable',
      'A service we depend on cannot be reached; try again in a moment.',
    );
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.number().positive(),
});

/** RFC 6749 §2.3.1: id and secret are form-urlencoded before joining, so a `:` in either cannot split them. */
function basicAuthorization(clientId: string, clientSecret: string): string {
  const encode = (value: string) => new URLSearchParams([['', value]]).toString().slice(1);
  return `Basic ${btoa(`${encode(clientId)}:${encode(clientSecret)}`)}`;
}

interface CachedToken {
  token: string;
  refreshAt: number;
}

/**
 * Service-to-service credentials: an OAuth2 client-credentials token from identity for one
 * callee (`audience`) with the scopes this caller needs there, cached
 * until `refreshSkewSeconds` before it expires. Concurrent callers share one in-flight
 * request, so a burst of outgoing calls at expiry costs identity one token request. A failed
 * fetch is not cached; the next call tries again.
 */
export function createServiceTokenProvider(options: ServiceTokenProviderOptions): ServiceTokenProvider {
  const fetchImpl = options.fetch ?? fetch;
  const clock = options.clock ?? systemClock;
  const skewMs = (options.refreshSkewSeconds ?? 60) * 1000;
  const timeoutMs = options.timeoutMs ?? 5_000;
  let cached: CachedToken | undefined;
  let inflight: Promise<CachedToken> | undefined;

  async function fetchToken(): Promise<CachedToken> {
    // Expiry counts from before the request, so time spent waiting for identity is not trusted.
    const requestedAt = clock.now().getTime();
    let response: Response;
    try {
      response = await fetchImpl(options.tokenUrl, {
        method: 'POST',
        headers: {
          authorization: basicAuthorization(options.clientId, options.clientSecret),
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          audience: options.audience,
          scope: options.scopes.join(' '),
        }).toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new ServiceTokenUnavailable('token endpoint unreachable', { cause: error });
    }
    if (!response.ok) throw new ServiceTokenUnavailable(`token endpoint answered ${response.status}`);
    const parsed = tokenResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new ServiceTokenUnavailable('token endpoint sent an unexpected body');
    return {
      token: parsed.data.access_token,
      refreshAt: requestedAt + parsed.data.expires_in * 1000 - skewMs,
    };
  }

  return {
    async getToken() {
      if (cached && clock.now().getTime() < cached.refreshAt) return cached.token;
      inflight ??= fetchToken()
        .then((fresh) => {
          cached = fresh;
          return fresh;
        })
        .finally(() => {
          inflight = undefined;
        });
      return (await inflight).token;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
