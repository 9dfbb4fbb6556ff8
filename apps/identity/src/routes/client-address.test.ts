import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.ts';

/** A bare app that answers with the address the throttle would use, behind `hops` proxies. */
function behindProxies(hops: number) {
  const app = new Hono();
  app.get('/', (c) => c.text(clientAddress(c, hops)));
  return async (forwardedFor?: string) => {
    const response = await app.request(
      '/',
      forwardedFor === undefined ? {} : { headers: { 'x-forwarded-for': forwardedFor } },
    );
    return response.text();
  };
}

describe('the client address behind trusted proxies', () => {
  it('is the entry the outermost trusted proxy appended, whatever the client wrote to its left', async () => {
    // Traefik appends the client it saw (203.0.113.7), Varnish appends Traefik (10.42.0.5).
    const address = behindProxies(2);
    expect(await address('203.0.113.7, 10.42.0.5')).toBe('203.0.113.7');
    expect(await address('1.1.1.1, 203.0.113.7, 10.42.0.5')).toBe('203.0.113.7');
    expect(await address('1.1.1.1,2.2.2.2 , 203.0.113.7,10.42.0.5')).toBe('203.0.113.7');
    expect(await address('unknown, , 203.0.113.7, 10.42.0.5')).toBe('203.0.113.7');
  });

  it('with one trusted proxy, is the rightmost entry', async () => {
    const address = behindProxies(1);
    expect(await address('6.6.6.6, 7.7.7.7, 203.0.113.7')).toBe('203.0.113.7');
  });

  it('never comes from a header with fewer entries than trusted proxies: the client wrote all of it', async () => {
    const address = behindProxies(2);
    expect(await address('6.6.6.6')).not.toBe('6.6.6.6');
  });

  it('ignores X-Forwarded-For entirely when no proxy is trusted', async () => {
    const address = behindProxies(0);
    expect(await address('6.6.6.6')).not.toBe('6.6.6.6');
    expect(await address()).toBe('unknown');
  });
});
