import { z } from '@hono/zod-openapi';

/** A farm's shipping rules as the farmer console reads and writes them (`GET|PUT /v1/farms/{farmId}/settings`). */
export const farmSettingsSchema = z
  .object({
    /** 0 = 일요일 … 6 = 토요일: the days the courier picks up at the farm. */
    dispatchWeekdays: z
      .array(z.number().int().min(0).max(6))
      .max(7)
      .refine((days) => new Set(days).size === days.length, '같은 요일을 두 번 적었어요.')
      .openapi({ example: [1, 2, 3, 4, 5] }),
    /** Orders until this time (Seoul, HH:MM, at most 23:00) make that day's pick-up. */
    cutoff: z
      .string()
      .regex(/^([01]\d|2[0-2]):[0-5]\d$|^23:00$/, '마감 시각은 00:00부터 23:00 사이로 HH:MM처럼 적어 주세요.')
      .openapi({ example: '14:00' }),
    /** Boxes the farm packs per dispatch day. */
    dailyCapacity: z.number().int().min(0).max(100_000).openapi({ example: 100 }),
    baseFee: z.number().int().min(0).max(100_000).openapi({ example: 3_000 }),
    freeFrom: z.number().int().min(0).max(10_000_000).nullable().openapi({ example: 30_000 }),
  })
  .strict()
  .openapi('FarmShippingSettings');

export type FarmSettings = z.infer<typeof farmSettingsSchema>;

export const farmSettingsView = farmSettingsSchema
  .extend({
    farmId: z.uuid(),
    /** False while the farm ships by the platform's defaults (it never saved settings). */
    customised: z.boolean(),
  })
  .openapi('FarmShippingSettingsView');
