import { EnvError, serviceClientEnvShape } from '@fruitables/kit';
import { z } from 'zod';
import type { CheckoutSettings } from './domain/context.ts';

const TOSS_API_URL = 'https://api.tosspayments.com';

/** A variable holding JSON, parsed and then checked against `schema`; never echoed (it holds keys). */
const json = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

const aesKey = z
  .base64({ error: 'must be base64' })
  .transform((value) => new Uint8Array(Buffer.from(value, 'base64')))
  .refine((key) => key.byteLength === 32, 'must decode to 32 bytes (AES-256)');

/** The field cipher's keys (refund account numbers), rotated like identity's: old keys stay to open old rows. */
export const paymentsKeyEnvShape = {
  /** JSON object keyId → base64 32-byte key; every key that sealed a stored value must stay here. */
  PAYMENTS_ENCRYPTION_KEYS: json(
    z.record(z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'key ids are 1-32 of A-Z a-z 0-9 _ -'), aesKey),
  ),
  /** The key new values are sealed with. */
  PAYMENTS_ENCRYPTION_KEY_ID: z.string().min(1),
};

/**
 * payments' own variables, on top of the ones the kit's runner adds to every service. The PG is
 * chosen by these three alone: Toss's URL and keys talk to Toss, the stand-in's to the stand-in.
 */
export const paymentsEnvShape = {
  ...serviceClientEnvShape,
  ...paymentsKeyEnvShape,
  /** orders' base URL inside the cluster (getPayableOrder). */
  ORDERS_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  PAYMENTS_TOSS_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default(TOSS_API_URL),
  /** The shop's origin: checkout sessions send the shopper back only there (success and fail URLs). */
  PAYMENTS_SHOP_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default('http://127.0.0.1:8080'),
  /** `test_sk_…`/`live_sk_…`: server side only. */
  PAYMENTS_TOSS_SECRET_KEY: z.string().min(8),
  /** `test_ck_…`/`live_ck_…`: handed to the browser. */
  PAYMENTS_TOSS_CLIENT_KEY: z.string().min(8),
  /** Per PG call; a confirm past it is resolved by asking the PG for the order. */
  PAYMENTS_TOSS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** How often the reconciler resolves open confirms, pending refunds and unprocessed webhooks. */
  PAYMENTS_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** An in-flight confirm younger than this is left to the process that sent it. */
  PAYMENTS_IN_FLIGHT_GRACE_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** A confirm the PG still shows unapproved this long after is given up. */
  /** The platform's commission on a farm's goods, in basis points (1,000 = 10%). */
  PAYMENTS_COMMISSION_BPS: z.coerce.number().int().min(0).max(5_000).default(1_000),
  /** The PG's fee per payment, in basis points, as the ledger books it. */
  PAYMENTS_PG_FEE_BPS: z.coerce.number().int().min(0).max(1_000).default(250),
  /** How payouts leave: the PG's payout API (the stand-in's locally), or the bank bulk-transfer file an admin uploads. */
  PAYMENTS_PAYOUT_TRANSFER: z.enum(['payout_api', 'bank_file']).default('bank_file'),
  /** How often the scheduler looks whether the week's settlement run or the day's PG check is due. */
  PAYMENTS_SCHEDULE_INTERVAL_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(600_000),
  PAYMENTS_ABANDON_AFTER_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(600_000),
};

type PaymentsEnv = z.infer<z.ZodObject<typeof paymentsEnvShape>>;

/** Real Toss renders its widget in the shop; the stand-in (any other URL) serves its own payment page. */
export function checkoutSettingsFrom(
  env: PaymentsEnv,
): CheckoutSettings & { client: { id: string; secret: string; identityUrl: string } } {
  const problems: string[] = [];
  if (!env.SERVICE_CLIENT_ID) problems.push('SERVICE_CLIENT_ID is required (payments calls orders)');
  if (!env.SERVICE_CLIENT_SECRET) problems.push('SERVICE_CLIENT_SECRET is required (payments calls orders)');
  if (!env.IDENTITY_URL) problems.push('IDENTITY_URL is required (payments calls orders)');
  if (!Object.hasOwn(env.PAYMENTS_ENCRYPTION_KEYS, env.PAYMENTS_ENCRYPTION_KEY_ID)) {
    problems.push(
      `PAYMENTS_ENCRYPTION_KEY_ID: "${env.PAYMENTS_ENCRYPTION_KEY_ID}" is not one of the keys in PAYMENTS_ENCRYPTION_KEYS`,
    );
  }
  if (problems.length > 0) throw new EnvError(problems);
  const isToss = new URL(env.PAYMENTS_TOSS_API_URL).origin === TOSS_API_URL;
  return {
    provider: isToss ? 'toss' : 'stand-in',
    clientKey: env.PAYMENTS_TOSS_CLIENT_KEY,
    paymentPageUrl: isToss ? null : `${env.PAYMENTS_TOSS_API_URL.replace(/\/+$/, '')}/payment-page`,
    shopOrigin: new URL(env.PAYMENTS_SHOP_URL).origin,
    client: {
      id: env.SERVICE_CLIENT_ID ?? '',
      secret: env.SERVICE_CLIENT_SECRET ?? '',
      identityUrl: env.IDENTITY_URL ?? '',
    },
  };
}
