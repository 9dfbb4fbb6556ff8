import { z } from '@hono/zod-openapi';
import { LOT_ID, OFFER_ID } from '../../contract/examples.ts';
import type { inventoryLotSchema } from '../../contract/inventory.ts';
import type { InventoryLot } from '../../domain/farm-inventory.ts';
import type { Lot } from '../../domain/lots.ts';
import { photoResponse } from '../photos/schema.ts';

export const lotBody = z
  .object({
    lotCode: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9가-힣_-]{1,40}$/,
        '로트번호는 1~40자의 영문, 숫자, 한글, -, _ 입니다. Use 1-40 letters, digits, - or _.',
      )
      .openapi({ example: 'CJ-2611-01' }),
    harvestedOn: z.iso
      .date('수확일은 2026-11-12 형식입니다. Use a date like 2026-11-12.')
      .openapi({ example: '2026-11-12' }),
    boxesHarvested: z
      .number('수량을 입력하세요. Enter the number of boxes.')
      .int('수량은 정수입니다. Use a whole number of boxes.')
      .positive('수량은 0보다 커야 합니다. Boxes must be above 0.')
      .max(100_000)
      .openapi({ example: 120 }),
    brix: z
      .number('당도는 숫자입니다. Brix is a number.')
      .min(0, '당도는 0~40 Brix입니다. Brix is 0-40.')
      .max(40, '당도는 0~40 Brix입니다. Brix is 0-40.')
      .nullable()
      .default(null)
      .openapi({ example: 14.5 }),
    note: z.string().trim().max(500).default('').openapi({ example: '서리 맞기 전 수확' }),
  })
  .strict()
  .openapi('LotInput');

export const lotSchema = z
  .object({
    id: z.uuid().openapi({ example: LOT_ID }),
    offerId: z.uuid().openapi({ example: OFFER_ID }),
    lotCode: z.string().openapi({ example: 'CJ-2611-01' }),
    harvestedOn: z.iso.date().openapi({ example: '2026-11-12' }),
    boxesHarvested: z.number().int().openapi({ example: 120 }),
    brix: z.number().nullable().openapi({ example: 14.5 }),
    note: z.string(),
    onHand: z.number().int().openapi({ example: 120 }),
    reserved: z.number().int().openapi({ example: 0 }),
    sold: z.number().int().openapi({ example: 0 }),
  })
  .openapi('Lot');

export const lotResponse = (lot: Lot): z.infer<typeof lotSchema> => ({
  id: lot.id,
  offerId: lot.offerId,
  lotCode: lot.lotCode,
  harvestedOn: lot.harvestedOn,
  boxesHarvested: lot.boxesHarvested,
  brix: lot.brix === null ? null : Number(lot.brix),
  note: lot.note,
  onHand: lot.onHand,
  reserved: lot.reserved,
  sold: lot.sold,
});

// Shared by the lot adjustment routes: an unknown field or a body that is not an object is
// named in Korean and English like every other mistake in these bodies.
const bodyError = (issue: { code: string }) => {
  if (issue.code === 'unrecognized_keys') {
    return '이 항목은 받지 않습니다. 빼고 다시 보내세요. This field is not accepted here; remove it.';
  }
  if (issue.code === 'invalid_type') return '본문은 JSON 객체로 보내세요. Send a JSON object.';
  return undefined;
};

const adjustmentNote = z
  .string('메모(note)는 글자로 보내세요. Send the note as text.')
  .trim()
  .max(200, '메모(note)는 200자까지입니다. Keep the note to at most 200 characters.');

export const lotAdjustmentBody = z
  .strictObject(
    {
      onHand: z
        .number('보유 수량(onHand)을 상자 수로 보내세요. Send onHand as a number of boxes.')
        .int('보유 수량(onHand)은 정수입니다. Use a whole number of boxes.')
        .min(0, '보유 수량(onHand)은 0 이상입니다. Send 0 or more boxes.')
        .max(100_000, '보유 수량(onHand)은 100,000상자까지입니다. Send at most 100,000 boxes.')
        .openapi({ example: 28, description: 'The boxes now on hand, held ones included' }),
      reason: z
        .enum(
          ['damage', 'recount'],
          '사유(reason)는 damage(파손) 또는 recount(다시 셈)입니다. Use reason "damage" or "recount".',
        )
        .openapi({ example: 'damage', description: 'damage lowers the count; recount sets what was counted' }),
      note: adjustmentNote.default('').openapi({ example: '운송 중 3상자 파손' }),
    },
    { error: bodyError },
  )
  .openapi('LotAdjustmentInput');

export const endLotBody = z
  .strictObject(
    { note: adjustmentNote.optional().openapi({ example: '우박 피해로 조기 판매 종료' }) },
    { error: bodyError },
  )
  .openapi('LotEndInput');

export const inventoryLotResponse = (lot: InventoryLot): z.infer<typeof inventoryLotSchema> => ({
  id: lot.id,
  lotCode: lot.lotCode,
  harvestedOn: lot.harvestedOn,
  boxesHarvested: lot.boxesHarvested,
  brix: lot.brix,
  onHand: lot.onHand,
  reserved: lot.reserved,
  sold: lot.sold,
  withinMaxAge: lot.withinMaxAge,
  lastSellableOn: lot.lastSellableOn,
  endedAt: lot.endedAt?.toISOString() ?? null,
  photos: lot.photos.map(photoResponse),
});
