import { z } from '@hono/zod-openapi';
import { accountStatuses } from './values.ts';

const timestamp = z.iso.datetime().openapi({ example: '2026-11-21T03:15:00.000Z' });

export const farmManagerSchema = z
  .object({
    accountId: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    status: z.enum(accountStatuses),
    disabledAt: timestamp.nullable(),
  })
  .openapi('FarmManager');

export const adminFarmSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    createdAt: timestamp,
    managers: z.array(farmManagerSchema).openapi({ description: 'Every account that manages the farm.' }),
  })
  .openapi('Farm');
export type FarmManager = z.infer<typeof farmManagerSchema>;
export type AdminFarm = z.infer<typeof adminFarmSchema>;
