import { EnvError, isServiceScope } from '@fruitables/kit';
import { z } from 'zod';
import { CLIENT_SECRET_HASH } from './domain/client-secret-hash.ts';
import type { SocialLoginConfig } from './domain/social-providers.ts';

/** A variable holding JSON, parsed and then checked against `schema`. */
const json = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        // Never echo the value: these variables hold private keys.
        ctx.addIssue({ code: 'custom', message: 'must be valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

const privateSigningJwk = z
  .looseObject({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    kid: z.string().min(1).max(64),
    x: z.string().min(1),
    y: z.string().min(1),
    d: z.string().min(1),
  })
  .describe('a private EC P-256 JWK with a kid');

const aesKey = z
  .base64({ error: 'must be base64' })
  .transform((value) => new Uint8Array(Buffer.from(value, 'base64')))
  .refine((key) => key.byteLength === 32, 'must decode to 32 bytes (AES-256)');

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A base URL without a trailing slash. Plain http only on loopback (the local stack and the
 * tests' stand-in provider): anywhere else it would carry client secrets and tokens in clear.
 */
const baseUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname);
  }, 'must use https (http is allowed on localhost only)')
  .refine((value) => !new URL(value).search && !new URL(value).hash, 'must have no query or fragment')
  .transform((value) => value.replace(/\/+$/, ''));

const optionalSecret = z.string().trim().min(1).optional();

/**
 * identity's own variables, on top of the ones the kit's service runner adds to every
 * service (PORT, DATABASE_URL, DB_POOL_MAX, METRICS_PORT…, and AUTH_ISSUER / AUTH_AUDIENCE,
 * which identity signs into every token). Secrets (signing keys,
 * encryption keys, client secret hashes) come from the environment only: a K3s Secret in the
 * cluster, `devEnv()` locally. Defaults are the production values.
 */
export const identityEnvShape = {
  /** JSON array of private JWKs; the first signs, all are published so rotation logs nobody out. */
  IDENTITY_SIGNING_KEYS: json(z.array(privateSigningJwk).min(1, 'needs at least one key')),
  /** JSON object keyId → base64 32-byte key; every key that sealed a stored value must stay here. */
  IDENTITY_ENCRYPTION_KEYS: json(
    z.record(z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'key ids are 1-32 of A-Z a-z 0-9 _ -'), aesKey),
  ),
  /** The key new values are sealed with. */
  IDENTITY_ENCRYPTION_KEY_ID: z.string().min(1),
  /**
   * JSON array of `{ clientId, secretHash, scopes }`: the services that may get tokens, the
   * HMAC of each one's 256-bit secret (`bun apps/identity/src/new-service-client.ts <id> <scope>…`
   * makes both) and the scopes each may be granted, e.g. orders: `["catalog:holds"]`.
   */
  IDENTITY_SERVICE_CLIENTS: json(
    z.array(
      z.object({
        clientId: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/),
        secretHash: z.string().regex(CLIENT_SECRET_HASH, 'must be hmac-sha256$<key>$<mac> (see new-service-client.ts)'),
        scopes: z.array(z.string().refine(isServiceScope, 'a scope is <service>:<permission>')).default([]),
      }),
    ),
  ).default([]),
  /** argon2id memory in KiB; below OWASP's 19 MiB floor is refused. */
  IDENTITY_ARGON2_MEMORY_KIB: z.coerce.number().int().min(19_456).default(65_536),
  IDENTITY_ARGON2_TIME_COST: z.coerce.number().int().min(1).max(10).default(2),
  /** argon2 computations at once; unset: derived from the memory limit (see argon2-capacity.ts). */
  IDENTITY_ARGON2_MAX_CONCURRENT: z.coerce.number().int().min(1).max(256).optional(),
  /** Logins waiting for an argon2 turn; beyond that they get 429 with Retry-After. */
  IDENTITY_ARGON2_MAX_QUEUED: z.coerce.number().int().min(0).max(10_000).default(64),
  /** The pod's memory limit in MiB (K3s: downward API `limits.memory`, divisor 1Mi). */
  IDENTITY_MEMORY_LIMIT_MIB: z.coerce.number().int().min(64).optional(),
  /** Memory the process needs besides argon2 buffers. */
  IDENTITY_MEMORY_BASELINE_MIB: z.coerce.number().int().min(0).default(160),
  /** How many of our own proxies append to X-Forwarded-For (0: use the socket address). */
  IDENTITY_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  /** Social login: a provider is on when its client id and secret are both set (see `socialLoginConfigFrom`). */
  IDENTITY_KAKAO_CLIENT_ID: optionalSecret,
  IDENTITY_KAKAO_CLIENT_SECRET: optionalSecret,
  IDENTITY_NAVER_CLIENT_ID: optionalSecret,
  IDENTITY_NAVER_CLIENT_SECRET: optionalSecret,
  /** identity's public base URL as browsers see it, e.g. `https://fruitables.kr/api/identity`; callbacks hang off it. */
  IDENTITY_SOCIAL_REDIRECT_BASE: baseUrl.optional(),
  /** Provider endpoints; only tests and local stand-ins change them. */
  IDENTITY_KAKAO_AUTH_URL: baseUrl.default('https://kauth.kakao.com'),
  IDENTITY_KAKAO_API_URL: baseUrl.default('https://kapi.kakao.com'),
  IDENTITY_NAVER_AUTH_URL: baseUrl.default('https://nid.naver.com'),
  IDENTITY_NAVER_API_URL: baseUrl.default('https://openapi.naver.com'),
  /** The SMTP server account mails go through, e.g. `smtps://user:pass@smtp.example.com:465` (the local catcher in `up`). */
  IDENTITY_SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }),
  /** The From header of account mails. */
  IDENTITY_MAIL_FROM: z.string().min(3).default('Fruitables <no-reply@fruitables.kr>'),
  /** The shop's origin as shoppers reach it (`https://fruitables.kr`): mailed links go to its /account pages. */
  IDENTITY_PUBLIC_URL: baseUrl,
  /**
   * Sign-ups one client address may start per 10 minutes (each hashes a password with argon2id).
   * 20 fits a carrier-grade NAT address shared by many shoppers; the browser tests, which sign
   * everyone up from 127.0.0.1, raise it.
   */
  IDENTITY_SIGN_UPS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(20),
  /** A session's absolute lifetime in days, however often it is refreshed. */
  IDENTITY_SESSION_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Per call to a provider; two calls happen in one callback, so keep their sum under REQUEST_TIMEOUT_MS. */
  IDENTITY_SOCIAL_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(4_000),
};

export type IdentityEnv = z.infer<z.ZodObject<typeof identityEnvShape>>;

/**
 * The social-login settings, checked across variables: half a credential pair or credentials
 * without a callback base is a deployment mistake, refused at boot rather than discovered by
 * the first shopper who presses the button. Undefined when no provider is configured.
 */
export function socialLoginConfigFrom(env: IdentityEnv): SocialLoginConfig | undefined {
  const problems: string[] = [];
  const pair = (name: 'KAKAO' | 'NAVER', id: string | undefined, secret: string | undefined) => {
    if (id && secret) return { clientId: id, clientSecret: secret };
    if (id || secret) {
      problems.push(`IDENTITY_${name}_CLIENT_ID and IDENTITY_${name}_CLIENT_SECRET must be set together`);
    }
    return undefined;
  };
  const kakao = pair('KAKAO', env.IDENTITY_KAKAO_CLIENT_ID, env.IDENTITY_KAKAO_CLIENT_SECRET);
  const naver = pair('NAVER', env.IDENTITY_NAVER_CLIENT_ID, env.IDENTITY_NAVER_CLIENT_SECRET);
  const redirectBase = env.IDENTITY_SOCIAL_REDIRECT_BASE;
  if ((kakao || naver) && !redirectBase) {
    problems.push('IDENTITY_SOCIAL_REDIRECT_BASE is required when a social login provider is configured');
  }
  if (problems.length > 0) throw new EnvError(problems);
  if (!redirectBase || !(kakao || naver)) return undefined;
  return {
    redirectBase,
    timeoutMs: env.IDENTITY_SOCIAL_TIMEOUT_MS,
    providers: {
      ...(kakao
        ? { kakao: { ...kakao, authUrl: env.IDENTITY_KAKAO_AUTH_URL, apiUrl: env.IDENTITY_KAKAO_API_URL } }
        : {}),
      ...(naver
        ? { naver: { ...naver, authUrl: env.IDENTITY_NAVER_AUTH_URL, apiUrl: env.IDENTITY_NAVER_API_URL } }
        : {}),
    },
  };
}
