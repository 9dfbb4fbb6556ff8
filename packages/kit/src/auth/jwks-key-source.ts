import { type Clock, systemClock } from '@fruitables/core';
import { createLocalJWKSet, type JSONWebKeySet, type JWK } from 'jose';
import { JWKSNoMatchingKey } from 'jose/errors';
import type { Logger } from 'pino';
import { type KeySource, KeysUnavailable, requireKeyId, usableVerificationKeys } from './key-source.ts';

export interface JwksKeySourceOptions {
  /** identity's published key set, e.g. `http://identity:3000/.well-known/jwks.json`. */
  jwksUrl: string;
  fetch?: typeof fetch;
  /** The least time between two fetches, whatever tokens arrive. */
  cooldownMs?: number;
  /**
   * The least time between two fetches while no key was ever loaded (identity not up yet):
   * every request is refused then anyway, so waiting out the full cooldown would only
   * prolong the outage (a service started before identity answered 503 for 30 s).
   */
  retryWithoutKeysMs?: number;
  /** Older than this, the set is fetched again on the next request, so a withdrawn key stops working. */
  maxAgeMs?: number;
  /** How long one fetch may take before it counts as failed. */
  timeoutMs?: number;
  clock?: Clock;
  logger?: Logger;
}

/** A key source that can also be told to load now (at boot, to fail fast on a wrong URL). */
export interface JwksKeySource extends KeySource {
  refresh(): Promise<void>;
}

type LocalKeys = ReturnType<typeof createLocalJWKSet>;

function isJwks(value: unknown): value is JSONWebKeySet {
  if (typeof value !== 'object' || value === null || !('keys' in value)) return false;
  const { keys } = value;
  return Array.isArray(keys) && keys.every((key: unknown) => typeof key === 'object' && key !== null);
}

async function fetchJwks(url: string, fetchImpl: typeof fetch, timeoutMs: number): Promise<JSONWebKeySet> {
  const response = await fetchImpl(url, {
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
  const body: unknown = await response.json();
  if (!isJwks(body)) throw new Error('JWKS response is not a JSON Web Key Set');
  return usableVerificationKeys({ keys: body.keys as JWK[] });
}

/**
 * Verification keys fetched from identity's JWKS and kept in memory, so verifying a token
 * costs no network round trip. A token naming an unknown `kid` (identity rotated its key)
 * triggers a refetch, but at most one per `cooldownMs`: a flood of tokens with made-up kids
 * costs identity one request per cooldown, not one per token. Concurrent callers share one
 * in-flight fetch. If a periodic refetch fails the previous keys stay in use, since a brief
 * identity outage must not log everyone out; if no keys were ever loaded, requests get 503.
 */
export function createJwksKeySource(options: JwksKeySourceOptions): JwksKeySource {
  const fetchImpl = options.fetch ?? fetch;
  const cooldownMs = options.cooldownMs ?? 30_000;
  const retryWithoutKeysMs = Math.min(options.retryWithoutKeysMs ?? 1_000, cooldownMs);
  const maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const clock = options.clock ?? systemClock;

  let keys: LocalKeys | undefined;
  let loadedAt = Number.NEGATIVE_INFINITY;
  let lastAttemptAt = Number.NEGATIVE_INFINITY;
  let inflight: Promise<LocalKeys> | undefined;

  const now = () => clock.now().getTime();

  function reload(): Promise<LocalKeys> {
    if (inflight) return inflight;
    lastAttemptAt = now();
    inflight = fetchJwks(options.jwksUrl, fetchImpl, timeoutMs)
      .then((jwks) => {
        keys = createLocalJWKSet(jwks);
        loadedAt = now();
        return keys;
      })
      .catch((error: unknown) => {
        options.logger?.warn({ err: error, jwksUrl: options.jwksUrl }, 'jwks fetch failed');
        throw new KeysUnavailable({ cause: error });
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  }

  /** A fetch already running is joined; a new one starts only once the cooldown has passed. */
  function reloadIfAllowed(): Promise<LocalKeys> | undefined {
    if (inflight) return inflight;
    if (now() - lastAttemptAt < (keys ? cooldownMs : retryWithoutKeysMs)) return undefined;
    return reload();
  }

  async function currentKeys(): Promise<LocalKeys> {
    if (!keys) {
      const loading = reloadIfAllowed();
      if (!loading) throw new KeysUnavailable();
      return loading;
    }
    if (now() - loadedAt > maxAgeMs) {
      // Stale but usable: a failed refresh keeps serving the keys we have.
      await reloadIfAllowed()?.catch(() => undefined);
    }
    return keys;
  }

  return {
    async getKey(header, token) {
      requireKeyId(header);
      const resolve = await currentKeys();
      try {
        return await resolve(header, token);
      } catch (error) {
        if (!(error instanceof JWKSNoMatchingKey)) throw error;
        const reloading = reloadIfAllowed();
        if (!reloading) throw error;
        return (await reloading)(header, token);
      }
    },
    async refresh() {
      await reload();
    },
  };
}
