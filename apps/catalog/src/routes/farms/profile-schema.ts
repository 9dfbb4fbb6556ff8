import { z } from '@hono/zod-openapi';
import { certificationKinds, sidoNames } from '../../contract/values.ts';

const certification = z
  .object({
    kind: z.enum(certificationKinds, {
      error: `인증 종류는 ${certificationKinds.join(', ')} 중 하나입니다. Use one of ${certificationKinds.join(', ')}.`,
    }),
    number: z
      .string()
      .trim()
      .min(1, '인증번호를 입력하세요. Enter the certificate number.')
      .max(40, '인증번호는 40자 이하입니다. At most 40 characters.'),
  })
  .strict();

export const farmProfilePatch = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, '농장 이름을 입력하세요. Enter the farm name.')
      .max(60, '농장 이름은 60자 이하입니다. At most 60 characters.')
      .openapi({ example: '햇살농원' }),
    regionSido: z
      .enum(sidoNames, {
        error: '시/도 이름을 정확히 입력하세요 (예: 충청북도). Use the full 시/도 name, e.g. 충청북도.',
      })
      .openapi({ example: '충청북도' }),
    regionSigungu: z
      .string()
      .trim()
      .min(1, '시/군/구를 입력하세요. Enter the 시/군/구.')
      .max(20, '시/군/구는 20자 이하입니다. At most 20 characters.')
      .openapi({ example: '충주시' }),
    story: z
      .string()
      .trim()
      .max(4000, '소개는 4000자 이하입니다. At most 4000 characters.')
      .openapi({ example: '해발 300m 산자락에서 3대째 사과를 키웁니다.' }),
    certifications: z
      .array(certification)
      .max(3)
      .refine(
        (list) => new Set(list.map((entry) => entry.kind)).size === list.length,
        '같은 인증을 두 번 넣을 수 없습니다. List each certification once.',
      )
      .openapi({ example: [{ kind: 'GAP', number: 'GAP-2026-0001' }] }),
  })
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, '바꿀 항목을 하나 이상 보내세요. Send at least one field.')
  .openapi('FarmProfilePatch');
