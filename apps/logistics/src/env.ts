import { z } from 'zod';
import type { DeliveryPolicy } from './domain/context.ts';

/**
 * logistics' own variables, on top of the ones the kit's service runner adds to every service
 * (PORT, DATABASE_URL, DB_POOL_MAX, CONSUMER_NAME, METRICS_PORT…) and, because logistics
 * verifies tokens, AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE.
 */
export const logisticsEnvShape = {
  /** Boxes the hub's dawn run takes per arrival date, unless `hub_capacities` says otherwise. */
  LOGISTICS_HUB_DAWN_CAPACITY: z.coerce.number().int().min(0).max(1_000_000).default(2_000),
  /** A farm with no settings: boxes it packs per day, its cut-off (HH:MM Seoul) and weekdays (0 = Sunday). */
  LOGISTICS_DEFAULT_FARM_CAPACITY: z.coerce.number().int().min(0).max(100_000).default(100),
  LOGISTICS_DEFAULT_CUTOFF: z
    .string()
    .regex(/^([01]\d|2[0-2]):[0-5]\d$|^23:00$/, 'must be HH:MM, at most 23:00')
    .default('14:00'),
  LOGISTICS_DEFAULT_DISPATCH_WEEKDAYS: z
    .string()
    .regex(/^[0-6](,[0-6])*$/, 'must be weekday numbers like 1,2,3,4,5')
    .default('1,2,3,4,5'),
  LOGISTICS_BASE_FEE: z.coerce.number().int().min(0).default(3_000),
  LOGISTICS_FREE_FROM: z.coerce.number().int().min(0).default(30_000),
  LOGISTICS_JEJU_SURCHARGE: z.coerce.number().int().min(0).default(3_000),
  LOGISTICS_REMOTE_SURCHARGE: z.coerce.number().int().min(0).default(5_000),
  /** How long a checkout's booking keeps its date when the caller names no TTL. */
  LOGISTICS_BOOKING_TTL_SECONDS: z.coerce.number().int().min(30).max(3_600).default(900),
  /** How often overdue bookings are expired and their places given back. */
  LOGISTICS_EXPIRY_SWEEP_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** tracker.delivery's GraphQL endpoint (https://apis.tracker.delivery/graphql), or the stand-in's. */
  LOGISTICS_TRACKER_URL: z.url({ protocol: /^https?$/ }),
  /** tracker.delivery's `clientId:clientSecret`; none for the stand-in. */
  LOGISTICS_TRACKER_API_KEY: z.string().min(3).optional(),
  /** Where the tracker calls back (`<public origin>/api/logistics/v1/webhooks/tracker`); none: polling only. */
  LOGISTICS_TRACKER_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** How often a shipment on its way is polled, the longest backoff after failures, and the poll sweep's tick. */
  LOGISTICS_TRACKING_POLL_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(600_000),
  LOGISTICS_TRACKING_MAX_BACKOFF_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(3_600_000),
  LOGISTICS_TRACKING_SWEEP_MS: z.coerce.number().int().min(100).max(600_000).default(2_000),
  /** How often the live-tracking feed looks for changed shipments while anyone watches. */
  LOGISTICS_LIVE_FEED_MS: z.coerce.number().int().min(50).max(10_000).default(250),
  /** The shop's public origin: the QR code on a label points at its lot trace page. */
  LOGISTICS_SHOP_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8080'),
};

type LogisticsEnv = z.infer<z.ZodObject<typeof logisticsEnvShape>>;

const minutesOf = (time: string): number => {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

/** The delivery rules the environment sets (see the README's "Rules"). */
export function deliveryPolicyFrom(env: LogisticsEnv): DeliveryPolicy {
  return {
    defaultFarm: {
      dispatchWeekdays: [...new Set(env.LOGISTICS_DEFAULT_DISPATCH_WEEKDAYS.split(',').map(Number))],
      cutoffMinutes: minutesOf(env.LOGISTICS_DEFAULT_CUTOFF),
      dailyCapacity: env.LOGISTICS_DEFAULT_FARM_CAPACITY,
      baseFee: env.LOGISTICS_BASE_FEE,
      freeFrom: env.LOGISTICS_FREE_FROM,
    },
    hubDawnCapacity: env.LOGISTICS_HUB_DAWN_CAPACITY,
    hubId: 'seoul',
    surcharges: { jeju: env.LOGISTICS_JEJU_SURCHARGE, remote: env.LOGISTICS_REMOTE_SURCHARGE },
    bookingTtlSeconds: env.LOGISTICS_BOOKING_TTL_SECONDS,
    choices: 7,
    // Six weeks: a farm that ships once a week still offers a choice of dates.
    horizonDays: 42,
  };
}
