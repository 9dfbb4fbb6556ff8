import { defineEvent } from '@fruitables/bus';
import { accountRoles } from '@fruitables/schema-identity/values';
import { z } from 'zod';

// What identity tells the platform. Payloads carry ids, roles and names other services act
// on, never credentials (password hashes, tokens), contact data (email, phone) or bank
// details: an event stream is copied to every consumer and kept, so it must hold nothing
// that would be a leak if read by any of them. Who needs more asks identity's API.

const accountRole = z.enum(accountRoles);
const timestamp = z.iso.datetime({ offset: true });

export const accountRegistered = defineEvent({
  type: 'AccountRegistered',
  version: 1,
  description:
    'A new account exists (a shopper signing up, or an admin created by the operator command). Consumers create their own view of the account, e.g. an empty cart or a display name for reviews.',
  data: z.object({
    accountId: z.uuid(),
    roles: z.array(accountRole).min(1),
    displayName: z.string().min(1),
    registeredAt: timestamp,
  }),
});

export const farmerApplicationSubmitted = defineEvent({
  type: 'FarmerApplicationSubmitted',
  version: 1,
  description:
    'An account applied to sell as a farmer and the application awaits an admin decision. Carries the proposed farm name only; business and bank details stay in identity.',
  data: z.object({
    applicationId: z.uuid(),
    accountId: z.uuid(),
    farmName: z.string().min(1),
    submittedAt: timestamp,
  }),
});

export const farmerVerified = defineEvent({
  type: 'FarmerVerified',
  version: 1,
  description:
    'An admin verified a farmer application: the farm now exists and the account is a farmer of it. catalog creates the farm profile from this; the farmer may publish lots from here on.',
  data: z.object({
    applicationId: z.uuid(),
    accountId: z.uuid(),
    farmId: z.uuid(),
    farmName: z.string().min(1),
    verifiedAt: timestamp,
  }),
});

export const farmerRejected = defineEvent({
  type: 'FarmerRejected',
  version: 1,
  description:
    'An admin rejected a farmer application, with the reason shown to the applicant. The account stays a shopper and may apply again.',
  data: z.object({
    applicationId: z.uuid(),
    accountId: z.uuid(),
    reason: z.string().min(1),
    rejectedAt: timestamp,
  }),
});

export const accountDisabled = defineEvent({
  type: 'AccountDisabled',
  version: 1,
  description:
    'An admin disabled an account: it can no longer sign in and its sessions ended. Consumers stop acting for it (e.g. hide a farm\u2019s offers, release held stock). The admin\u2019s free-text reason stays in identity.',
  data: z.object({
    accountId: z.uuid(),
    disabledAt: timestamp,
  }),
});

export const farmManagerLinked = defineEvent({
  type: 'FarmManagerLinked',
  version: 1,
  description:
    'An admin let one more verified farmer manage an existing farm. identity owns who manages a farm (the `farmIds` of the access token); this tells the platform, e.g. so notifications can reach every manager.',
  data: z.object({
    accountId: z.uuid(),
    farmId: z.uuid(),
    linkedAt: timestamp,
  }),
});

export const identityEvents = [
  accountRegistered,
  farmerApplicationSubmitted,
  farmerVerified,
  farmerRejected,
  accountDisabled,
  farmManagerLinked,
] as const;
