import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SocialProvider } from '@fruitables/schema-identity';
import { generateCodeVerifier, generateState } from 'arctic';
import { z } from 'zod';
import type { DomainContext } from './context.ts';
import { invalidState } from './social-errors.ts';

export const SOCIAL_STATE_TTL_MS = 10 * 60_000;

/** A started sign-in, waiting in Redis for the provider to send the browser back. */
const pendingSchema = z.object({
  provider: z.enum(['kakao', 'naver']),
  codeVerifier: z.string().min(43),
  returnTo: z.string().startsWith('/'),
  /** SHA-256 of the browser binding (the cookie holds the value itself). */
  bindingHash: z.string(),
  /** Epoch ms on the injected clock; the Redis TTL only collects garbage. */
  expiresAt: z.number(),
});

export interface StartedLogin {
  state: string;
  codeVerifier: string;
  /** Goes to the browser as a cookie and must come back with the callback. */
  binding: string;
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

const sameBytes = (a: Buffer, b: Buffer): boolean => a.length === b.length && timingSafeEqual(a, b);

// Keyed by a digest: a Redis dump or MONITOR shows no state a callback would accept.
const stateKey = (state: string): string => `identity:social-login:${digest(state).toString('base64url')}`;

/** Records a new sign-in attempt for ten minutes: its state, PKCE verifier, return path and browser binding. */
export async function savePendingLogin(
  ctx: Pick<DomainContext, 'redis' | 'clock'>,
  input: { provider: SocialProvider; returnTo: string },
): Promise<StartedLogin> {
  const state = generateState();
  const codeVerifier = generateCodeVerifier();
  const binding = randomBytes(32).toString('base64url');
  const pending: z.infer<typeof pendingSchema> = {
    provider: input.provider,
    codeVerifier,
    returnTo: input.returnTo,
    bindingHash: digest(binding).toString('base64url'),
    expiresAt: ctx.clock.now().getTime() + SOCIAL_STATE_TTL_MS,
  };
  await ctx.redis.set(stateKey(state), JSON.stringify(pending), {
    expiration: { type: 'PX', value: SOCIAL_STATE_TTL_MS + 60_000 },
  });
  return { state, codeVerifier, binding };
}

/**
 * Claims the sign-in a callback belongs to. GETDEL makes it single use: of two callbacks with
 * the same state, Redis hands the record to one. The state must be for this provider, unexpired,
 * and come back in the browser that started it: the binding cookie stops login CSRF, where an
 * attacker sends a victim their own callback URL so the victim signs in as the attacker. Every
 * failure is the same 400, so a probe learns nothing about which check failed.
 */
export async function takePendingLogin(
  ctx: Pick<DomainContext, 'redis' | 'clock'>,
  input: { provider: SocialProvider; state: string | undefined; binding: string | undefined },
): Promise<{ codeVerifier: string; returnTo: string }> {
  if (!input.state) throw invalidState();
  const raw = await ctx.redis.getDel(stateKey(input.state));
  if (!raw) throw invalidState();
  let parsed: ReturnType<typeof pendingSchema.safeParse>;
  try {
    parsed = pendingSchema.safeParse(JSON.parse(raw));
  } catch {
    throw invalidState();
  }
  if (!parsed.success) throw invalidState();
  const pending = parsed.data;
  const bindingMatches =
    input.binding !== undefined && sameBytes(digest(input.binding), Buffer.from(pending.bindingHash, 'base64url'));
  if (pending.provider !== input.provider || pending.expiresAt <= ctx.clock.now().getTime() || !bindingMatches) {
    throw invalidState();
  }
  return { codeVerifier: pending.codeVerifier, returnTo: pending.returnTo };
}
