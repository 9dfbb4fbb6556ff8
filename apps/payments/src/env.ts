import { EnvError, serviceClientEnvShape } from '@fruitables/kit';
import { z } from 'zod';
import type { CheckoutSettings } from './domain/context.ts';

const TOSS_API_URL = 'https://api.tosspayments.com';

/**
 * payments' own variables, on top of the ones the kit's runner adds to every service. The PG is
 * chosen by these three alone: Toss's URL and keys talk to Toss, the stand-in's to the stand-in.
 */
export const paymentsEnvShape = {
  ...serviceClientEnvShape,
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
