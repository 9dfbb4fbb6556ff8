import { z } from '@hono/zod-openapi';
import type { Address } from '../../domain/addresses.ts';
import {
  idParam,
  phoneField,
  roadAddressField,
  storableString,
  strictBody,
  text,
  timestampField,
  zoneCodeField,
} from '../fields.ts';

const recipientField = text(50).openapi({ example: '김민지' });
const addressDetailField = storableString().trim().max(200).openapi({ example: '101동 1502호' });
const deliveryNotesField = storableString()
  .trim()
  .max(300)
  .nullable()
  .openapi({ example: '공동현관 비밀번호 #1234, 문 앞에 놓아 주세요' });

export const addressParams = z.object({ addressId: idParam('addressId') });

export const createAddressBody = strictBody({
  recipient: recipientField,
  phone: phoneField,
  roadAddress: roadAddressField,
  addressDetail: addressDetailField.default(''),
  zoneCode: zoneCodeField,
  deliveryNotes: deliveryNotesField.optional(),
  isDefault: z
    .boolean()
    .optional()
    .openapi({ description: 'Make this the default address (the first one always is).' }),
}).openapi('CreateAddress', {
  example: {
    recipient: '김민지',
    phone: '010-1234-5678',
    roadAddress: '서울특별시 강남구 테헤란로 152',
    addressDetail: '101동 1502호',
    zoneCode: '06236',
    deliveryNotes: '공동현관 비밀번호 #1234',
    isDefault: true,
  },
});

export const updateAddressBody = strictBody({
  recipient: recipientField.optional(),
  phone: phoneField.optional(),
  roadAddress: roadAddressField.optional(),
  addressDetail: addressDetailField.optional(),
  zoneCode: zoneCodeField.optional(),
  deliveryNotes: deliveryNotesField.optional(),
  isDefault: z
    .literal(true)
    .optional()
    .openapi({ description: 'Make this the default; to change the default, set it on another address.' }),
}).openapi('UpdateAddress', { example: { addressDetail: '101동 1503호', isDefault: true } });

export const addressSchema = z
  .object({
    id: z.uuid(),
    recipient: z.string(),
    phone: z.string(),
    roadAddress: z.string(),
    addressDetail: z.string(),
    zoneCode: z.string(),
    deliveryNotes: z.string().nullable(),
    isDefault: z.boolean(),
    createdAt: timestampField,
    updatedAt: timestampField,
  })
  .openapi('Address', {
    example: {
      id: '0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b',
      recipient: '김민지',
      phone: '01012345678',
      roadAddress: '서울특별시 강남구 테헤란로 152',
      addressDetail: '101동 1502호',
      zoneCode: '06236',
      deliveryNotes: '공동현관 비밀번호 #1234',
      isDefault: true,
      createdAt: '2026-11-21T03:15:00.000Z',
      updatedAt: '2026-11-21T03:15:00.000Z',
    },
  });

export const addressListSchema = z.object({ items: z.array(addressSchema) }).openapi('AddressList');

export function addressBody(address: Address) {
  return { ...address, createdAt: address.createdAt.toISOString(), updatedAt: address.updatedAt.toISOString() };
}
