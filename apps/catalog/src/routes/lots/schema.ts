import { z } from '@hono/zod-openapi';
import type { Lot } from '../../domain/lots.ts';
import { LOT_ID, OFFER_ID } from '../params.ts';

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
