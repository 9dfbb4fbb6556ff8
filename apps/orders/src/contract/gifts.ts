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

/**
 * A gift recipient the buyer knows only by name and phone: they get a link to type their own
 * address by a deadline (18:00 Seoul two days before dispatch); unanswered, they are cancelled
 * and refunded alone.
 */
export const linkRecipientSchema = z
  .object({
    name: giftRecipientSchema.shape.name,
    phone: giftRecipientSchema.shape.phone,
    cardMessage: giftRecipientSchema.shape.cardMessage,
    deliveryDate: giftRecipientSchema.shape.deliveryDate,
    addressByLink: z.literal(true).openapi({ description: '주소는 받는 분이 직접 입력' }),
  })
  .strict()
  .openapi('GiftLinkRecipient');
export type LinkRecipient = z.infer<typeof linkRecipientSchema>;

/** What a gift checkout takes per recipient: an address, or `addressByLink`. */
export const giftCheckoutRecipientSchema = z.union([giftRecipientSchema, linkRecipientSchema]);
export type GiftCheckoutRecipient = z.infer<typeof giftCheckoutRecipientSchema>;

/** `POST /v1/gift-checkouts/recipients`: the recipients read from the file. */
export const recipientListSchema = z.object({ recipients: z.array(giftRecipientSchema) }).openapi('GiftRecipientList');
export type GiftRecipientList = z.infer<typeof recipientListSchema>;

/** What a gift recipient's address page shows: who it is for, from which farm, what and when; nothing of the buyer. */
export const giftAddressViewSchema = z
  .object({
    recipientName: z.string().openapi({ example: '김민지' }),
    farmName: z.string().openapi({ example: '햇살농원' }),
    products: z.array(
      z.object({ title: z.string().openapi({ example: '부사 사과 특 5kg' }), quantity: z.number().int().positive() }),
    ),
    deliveryDate: z.iso.date().openapi({ example: '2026-09-14' }),
    /** Give the address before this instant (18:00 Seoul two days before dispatch). */
    addressDueAt: z.iso.datetime().openapi({ example: '2026-09-11T09:00:00.000Z' }),
    cardMessage: z.string().nullable().openapi({ example: '추석 잘 보내세요!' }),
  })
  .openapi('GiftAddressView');
export type GiftAddressView = z.infer<typeof giftAddressViewSchema>;

/** `PUT /v1/gift-addresses/{token}`: the recipient's own address (logistics' recipient shape). */
export const giftAddressBody = recipientSchema.openapi('GiftAddressRequest');
export type GiftAddressRequest = z.infer<typeof giftAddressBody>;
