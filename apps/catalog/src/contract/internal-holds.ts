import { defineOperation } from '@fruitables/kit/contract';
import { z } from '@hono/zod-openapi';
import { HOLD_ID, LOT_ID, OFFER_ID } from './examples.ts';
import { holdReturnReasons, holdStatuses } from './values.ts';

/*
 * catalog's internal hold API, as data: the shapes its routes validate and the operations
 * orders calls at checkout with `@fruitables/kit/client`. No database code here: callers
 * import this file, not catalog.
 */

/** The audience of a service token for catalog, and the scope the hold routes require. */
export const CATALOG_AUDIENCE = 'catalog';
export const HOLDS_SCOPE = 'catalog:holds';

/** Every scope catalog grants to other services, with what it allows (documented in its OpenAPI). */
export const catalogServiceScopes = {
  [HOLDS_SCOPE]:
    'Hold stock for a checkout, then confirm or release the hold, and return confirmed boxes a paid order cancelled (orders).',
};

export const holdBody = z
  .object({
    lines: z
      .array(
        z.object({
          offerId: z.uuid().openapi({ example: OFFER_ID }),
          quantity: z.number().int().positive().max(1000).openapi({ example: 2 }),
        }),
      )
      .min(1)
      .max(50),
    ttlSeconds: z
      .number()
      .int()
      .min(30)
      .max(3600)
      .optional()
      .openapi({ example: 900, description: 'Default 900 (15 min)' }),
  })
  .strict()
  .openapi('HoldRequest');

export type HoldRequest = z.infer<typeof holdBody>;

export const holdSchema = z
  .object({
    id: z.uuid().openapi({ example: HOLD_ID }),
    status: z.enum(holdStatuses).openapi({ example: 'held' }),
    expiresAt: z.iso.datetime().openapi({ example: '2026-11-21T12:15:00.000Z' }),
    lines: z.array(
      z.object({
        offerId: z.uuid().openapi({ example: OFFER_ID }),
        lotId: z.uuid().openapi({ example: LOT_ID }),
        lotCode: z.string().openapi({ example: 'CJ-2611-01' }),
        harvestedOn: z.iso.date().openapi({ example: '2026-11-12' }),
        quantity: z.number().int().openapi({ example: 2 }),
      }),
    ),
  })
  .openapi('Hold');

export type Hold = z.infer<typeof holdSchema>;

const holdIdParams = z.object({ holdId: z.uuid() });

/**
 * Holds stock for a checkout, all lines or none. Not idempotent by itself, but it requires an
 * Idempotency-Key (the checkout's), so the client may retry it: the same key returns the same hold.
 */
export const createHold = defineOperation({
  method: 'POST',
  path: '/internal/v1/holds',
  body: holdBody,
  response: holdSchema,
  idempotent: false,
  idempotencyKey: 'required',
  scope: HOLDS_SCOPE,
  problemCodes: [
    'sold_out',
    'offer_not_found',
    'offer_unavailable',
    'hold_in_progress',
    'idempotency_key_reused',
    'validation_failed',
  ],
});

/** Confirms a paid hold; confirming twice is a no-op, so it is idempotent. */
export const confirmHold = defineOperation({
  method: 'POST',
  path: '/internal/v1/holds/{holdId}/confirm',
  params: holdIdParams,
  response: holdSchema,
  idempotent: true,
  scope: HOLDS_SCOPE,
  problemCodes: ['hold_not_found', 'hold_not_live', 'hold_expired', 'validation_failed'],
});

/** Releases a hold (its boxes go back on sale); releasing twice is a no-op. */
export const releaseHold = defineOperation({
  method: 'POST',
  path: '/internal/v1/holds/{holdId}/release',
  params: holdIdParams,
  response: holdSchema,
  idempotent: true,
  scope: HOLDS_SCOPE,
  problemCodes: ['hold_not_found', 'hold_confirmed', 'validation_failed'],
});

export const holdReturnBody = z
  .object({
    reason: z.enum(holdReturnReasons).openapi({
      example: 'cancelled',
      description:
        '`cancelled`: a paid order cancelled before shipping, the boxes go back on sale unless their lot ended or aged out. `shortage`: the farm came up short, the boxes no longer count as sold but do not go on sale (they do not exist).',
    }),
    lines: z
      .array(
        z.object({
          lotId: z.uuid().openapi({ example: LOT_ID }),
          quantity: z.number().int().positive().max(1000).openapi({ example: 1 }),
        }),
      )
      .min(1)
      .max(100),
  })
  .strict()
  .openapi('HoldReturnRequest');

export type HoldReturnRequest = z.infer<typeof holdReturnBody>;

export const holdReturnSchema = z
  .object({
    id: z.uuid().openapi({ example: HOLD_ID }),
    holdId: z.uuid().openapi({ example: HOLD_ID }),
    reason: z.enum(holdReturnReasons).openapi({ example: 'cancelled' }),
    lines: z.array(
      z.object({
        offerId: z.uuid().openapi({ example: OFFER_ID }),
        lotId: z.uuid().openapi({ example: LOT_ID }),
        quantity: z.number().int().openapi({ example: 1 }),
        restocked: z
          .boolean()
          .openapi({ example: true, description: 'Back on sale (false: the lot ended or aged out, or a shortage)' }),
      }),
    ),
    returnedAt: z.iso.datetime().openapi({ example: '2026-11-21T12:20:00.000Z' }),
  })
  .openapi('HoldReturn');

export type HoldReturn = z.infer<typeof holdReturnSchema>;

/**
 * Gives back boxes of a confirmed hold that will not be sent (a paid order cancelled, a
 * shortage), each line naming a lot of the hold. Requires an Idempotency-Key derived from the
 * cancel: the same key returns the same answer, so the boxes come back once.
 */
export const returnConfirmedBoxes = defineOperation({
  method: 'POST',
  path: '/internal/v1/holds/{holdId}/returns',
  params: holdIdParams,
  body: holdReturnBody,
  response: holdReturnSchema,
  idempotent: false,
  idempotencyKey: 'required',
  scope: HOLDS_SCOPE,
  problemCodes: [
    'hold_not_found',
    'hold_not_confirmed',
    'return_exceeds_sold',
    'idempotency_key_reused',
    'validation_failed',
  ],
});

export const holdExtensionBody = z
  .object({
    expiresAt: z.iso.datetime().openapi({
      example: '2026-11-22T12:00:00.000Z',
      description:
        'The new expiry: later than now, at most 7 days ahead. An earlier one than the hold has changes nothing.',
    }),
  })
  .strict()
  .openapi('HoldExtension');

/**
 * Keeps a live hold longer (a virtual account waiting for its deposit until its due date).
 * Never shortens a hold, so asking twice is a no-op: idempotent.
 */
export const extendHold = defineOperation({
  method: 'POST',
  path: '/internal/v1/holds/{holdId}/extend',
  params: holdIdParams,
  body: holdExtensionBody,
  response: holdSchema,
  idempotent: true,
  scope: HOLDS_SCOPE,
  problemCodes: ['hold_not_found', 'hold_not_live', 'hold_expired', 'validation_failed'],
});
