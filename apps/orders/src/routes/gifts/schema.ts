import { recipientSchema } from '@fruitables/logistics/contract';
import { z } from '@hono/zod-openapi';

export const giftRecipientSchema = recipientSchema
  .extend({
    cardMessage: z.string().trim().max(200).nullable().openapi({ example: '추석 잘 보내세요!' }),
    deliveryDate: z.iso.date('배송일은 YYYY-MM-DD로 보내 주세요.').openapi({ example: '2026-09-14' }),
  })
  .openapi('GiftRecipient');
