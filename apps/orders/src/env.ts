import { EnvError, serviceClientEnvShape } from '@fruitables/kit';
import { z } from 'zod';

const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/**
 * orders' own variables, on top of the ones the kit's runner adds to every service (PORT,
 * DATABASE_URL, …) and, because orders verifies tokens, AUTH_JWKS_URL. orders calls catalog,
 * logistics and payments with its own service token (SERVICE_CLIENT_ID/SECRET at IDENTITY_URL).
 */
export const ordersEnvShape = {
  ...serviceClientEnvShape,
  CATALOG_URL: url,
  LOGISTICS_URL: url,
  PAYMENTS_URL: url,
  /** How long a placed order may be paid for (catalog's hold TTL by default). */
  ORDERS_PAYMENT_WINDOW_SECONDS: z.coerce.number().int().min(60).max(3_000).default(900),
  /** Holds and bookings outlive the payment window by this much, for a payment confirmed at the last second. */
  ORDERS_HOLD_MARGIN_SECONDS: z.coerce.number().int().min(0).max(600).default(300),
  /** 구매확정 happens by itself this many days after delivery. */
  ORDERS_AUTO_COMPLETE_DAYS: z.coerce.number().int().min(1).max(60).default(7),
  /** A crop-failure line with the `wait` policy waits this many days for the next lot, then is refunded. */
  ORDERS_CROP_WAIT_DAYS: z.coerce.number().int().min(1).max(30).default(3),
  /** How long POST /checkouts waits for its workflow before answering 202. */
  ORDERS_CHECKOUT_WAIT_MS: z.coerce.number().int().min(500).max(30_000).default(8_000),
  /** How often unpaid orders expire, 구매확정 clocks run out and waiting lines are refunded. */
  /** Signs gift recipients' address links (HMAC-SHA256); at least 32 characters, a Secret in the cluster. */
  ORDERS_GIFT_LINK_SECRET: z.string().min(32, 'must be at least 32 characters'),
  ORDERS_SWEEP_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
};

export type OrdersEnv = z.infer<z.ZodObject<typeof ordersEnvShape>>;

/** The service credentials, required together: orders cannot check anyone out without them. */
export function serviceCredentialsFrom(
  env: Pick<OrdersEnv, 'SERVICE_CLIENT_ID' | 'SERVICE_CLIENT_SECRET' | 'IDENTITY_URL'>,
): { clientId: string; clientSecret: string; identityUrl: string } {
  const problems: string[] = [];
  if (!env.SERVICE_CLIENT_ID)
    problems.push('SERVICE_CLIENT_ID is required (orders calls catalog, logistics and payments)');
  if (!env.SERVICE_CLIENT_SECRET) problems.push('SERVICE_CLIENT_SECRET is required');
  if (!env.IDENTITY_URL) problems.push('IDENTITY_URL is required (where orders gets its service tokens)');
  if (problems.length > 0) throw new EnvError(problems);
  return {
    clientId: env.SERVICE_CLIENT_ID ?? '',
    clientSecret: env.SERVICE_CLIENT_SECRET ?? '',
    identityUrl: env.IDENTITY_URL ?? '',
  };
}
