import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export interface EdgePurger {
  /** Evicts every cached object tagged with any of `keys`, on every edge instance. */
  purge(keys: string[]): Promise<void>;
}

export interface EdgePurgerOptions {
  url: string;
  secret: string;
  timeoutMs?: number;
}

/** Keys per request: product ids are ~45 bytes, and Varnish limits a header to 8 KB. */
const KEYS_PER_REQUEST = 100;

export class PurgeFailed extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PurgeFailed';
  }
}

/** All addresses of the edge: a headless Service name resolves to one per Varnish pod. */
async function addressesOf(hostname: string): Promise<string[]> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare)) return [bare];
  const found = await lookup(bare, { all: true });
  return [...new Set(found.map((entry) => entry.address))];
}

/**
 * Purges by surrogate key with `PURGE` and an `xkey-purge` header, proving itself with the
 * shared secret (the VCL also checks the caller's address). Soft purges: an evicted page
 * is fetched again on the next request, but can still be served stale if the origin dies.
 */
export function createEdgePurger(options: EdgePurgerOptions): EdgePurger {
  const target = new URL(options.url);
  const timeoutMs = options.timeoutMs ?? 2_000;

  async function purgeOne(address: string, keys: string[]): Promise<void> {
    const host = isIP(address) === 6 ? `[${address}]` : address;
    const url = `${target.protocol}//${host}${target.port ? `:${target.port}` : ''}/`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'PURGE',
        headers: { host: target.host, 'xkey-purge': keys.join(' '), 'x-purge-secret': options.secret },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new PurgeFailed(`the edge at ${address} did not answer the purge`, { cause: error });
    }
    await response.body?.cancel();
    if (response.status !== 200) throw new PurgeFailed(`the edge at ${address} refused the purge (${response.status})`);
  }

  return {
    async purge(keys) {
      const unique = [...new Set(keys)];
      if (unique.length === 0) return;
      const addresses = await addressesOf(target.hostname).catch((error: unknown) => {
        throw new PurgeFailed(`cannot resolve the edge ${target.hostname}`, { cause: error });
      });
      for (let start = 0; start < unique.length; start += KEYS_PER_REQUEST) {
        const batch = unique.slice(start, start + KEYS_PER_REQUEST);
        await Promise.all(addresses.map((address) => purgeOne(address, batch)));
      }
    },
  };
}
