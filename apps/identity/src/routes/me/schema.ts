import { z } from '@hono/zod-openapi';
import { accountRoles } from '../../contract/values.ts';
import type { Profile } from '../../domain/accounts.ts';
import { displayNameField, emailField, mobileField, strictBody, timestampField } from '../fields.ts';

export const profileSchema = z
  .object({
    id: z.uuid(),
    email: emailField,
    displayName: z.string(),
    mobile: z.string().nullable(),
    roles: z.array(z.enum(accountRoles)),
    farmIds: z.array(z.uuid()),
    status: z.enum(['active', 'disabled']),
    /** False until the owner follows the link in our verification mail. */
    emailVerified: z.boolean(),
    createdAt: timestampField,
  })
  .openapi('Profile', {
    example: {
      id: '0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b',
      email: 'minji.kim@example.kr',
      displayName: '김민지',
      mobile: '01012345678',
      roles: ['shopper'],
      farmIds: [],
      status: 'active',
      emailVerified: true,
      createdAt: '2026-11-21T03:15:00.000Z',
    },
  });

/** Only the name and the mobile number are the caller's to change; email, roles and farms are not here on purpose. */
export const updateProfileBody = strictBody({
  displayName: displayNameField.optional(),
  mobile: mobileField.nullable().optional(),
}).openapi('UpdateProfile', { example: { displayName: '김민지', mobile: '010-9876-5432' } });

export function profileBody(profile: Profile) {
  return { ...profile, createdAt: profile.createdAt.toISOString() };
}
