import { z } from '@hono/zod-openapi';

/* The farmer console's and the admin's views of the settlement ledger. */

const FARM_ID = '0196f0c2-7b3a-7c1e-8f00-000000000300';
const won = z.number().int();

export const payoutSchema = z
  .object({
    id: z.uuid(),
    farmId: z.uuid().openapi({ example: FARM_ID }),
    amount: won.openapi({ example: 1_242_000 }),
    periodStart: z.iso.date().openapi({ example: '2026-11-30' }),
    periodEnd: z.iso.date().openapi({ example: '2026-12-06' }),
    /** `requested` while the transfer is on its way (bank file not yet paid), `paid` after (PayoutPaid). */
    status: z.enum(['requested', 'paid']).openapi({ example: 'paid' }),
    transfer: z.enum(['payout_api', 'bank_file']).nullable().openapi({ example: 'payout_api' }),
    paidAt: z.iso.datetime().nullable(),
  })
  .openapi('Payout');

export const farmBalanceSchema = z
  .object({
    farmId: z.uuid().openapi({ example: FARM_ID }),
    balance: won.openapi({ example: 1_242_000 }),
    upcomingPayout: won.openapi({ example: 1_242_000 }),
    onHold: z.boolean(),
    holdReason: z.string().nullable(),
    lastPayout: payoutSchema
      .pick({ id: true, amount: true, periodEnd: true })
      .extend({ paidAt: z.iso.datetime() })
      .nullable(),
  })
  .openapi('FarmBalance');
export type FarmBalance = z.infer<typeof farmBalanceSchema>;

export const statementSchema = z
  .object({
    farmId: z.uuid().openapi({ example: FARM_ID }),
    from: z.iso.date(),
    to: z.iso.date(),
    opening: won,
    closing: won,
    lines: z.array(
      z.object({
        entryId: z.uuid(),
        kind: z.string().openapi({ example: 'fulfilment_completed' }),
        description: z.string().openapi({ example: '구매확정: 농가 정산 예정' }),
        orderId: z.uuid().nullable(),
        postedAt: z.iso.datetime(),
        /** A sale's goods net of refunds before commission; null for a payout. */
        grossAmount: won.nullable().openapi({ example: 38_000 }),
        commission: won.nullable().openapi({ example: 3_800 }),
        amount: won.openapi({ example: 34_200 }),
        balanceAfter: won,
      }),
    ),
  })
  .openapi('FarmStatement');
export type FarmStatement = z.infer<typeof statementSchema>;

export const commissionSchema = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    commission: won.openapi({ example: 380_000 }),
    pgFees: won.openapi({ example: 95_000 }),
    deliveryFees: won.openapi({ example: 120_000 }),
  })
  .openapi('PlatformCommission');

export const settlementBody = z
  .object({
    periodStart: z.iso.date().openapi({ example: '2026-11-30' }),
    periodEnd: z.iso.date().openapi({ example: '2026-12-06' }),
  })
  .strict()
  .openapi('SettlementRequest');

export const payoutHoldBody = z
  .object({
    farmId: z.uuid().openapi({ example: FARM_ID }),
    reason: z.string().trim().min(1).max(200).openapi({ example: '정산 계좌 확인 중' }),
  })
  .strict()
  .openapi('PayoutHold');

/** `GET /v1/admin/pg-settlement-check`: the day's payments and refunds against the PG's settlement list. */
export const settlementCheckSchema = z
  .object({
    date: z.iso.date(),
    checked: z.number().int(),
    differences: z.array(
      z.object({
        orderId: z.string(),
        ours: z.number().int(),
        pg: z.number().int(),
        problem: z.enum(['missing_at_pg', 'missing_here', 'amount_differs']),
      }),
    ),
  })
  .openapi('PgSettlementCheck');
export type SettlementCheck = z.infer<typeof settlementCheckSchema>;

/** `POST /v1/admin/settlements`: the payouts a run made. */
export const settlementRunSchema = z.object({ payouts: z.array(payoutSchema) }).openapi('SettlementRun');
export type SettlementRun = z.infer<typeof settlementRunSchema>;
