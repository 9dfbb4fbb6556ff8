import { recipientSchema } from '@fruitables/logistics/contract';
import { z } from '@hono/zod-openapi';

/** A gift's recipient, as the shopper's file is read into and a gift checkout sends back. */
export const giftRecipientSchema = recipientSchema
  .extend({
    cardMessage: z.string().trim().max(200).nullable().openapi({ example: '추석 잘 보내세요!' }),
    deliveryDate: z.iso.date('배송일은 YYYY-MM-DD로 보내 주세요.').openapi({ example: '2026-09-14' }),
  })
  .openapi('GiftRecipient');
export type GiftRecipient = z.infer<typeof giftRecipientSchema>;

/** `POST /v1/gift-checkouts/recipients`: the recipients read from the file. */
export const recipientListSchema = z.object({ recipients: z.array(giftRecipientSchema) }).openapi('GiftRecipientList');
export type GiftRecipientList = z.infer<typeof recipientListSchema>;
