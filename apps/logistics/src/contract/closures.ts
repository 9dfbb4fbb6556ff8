import { z } from '@hono/zod-openapi';
import { closureScopes } from './values.ts';

/** A day range an admin closed (a typhoon, a strike): `GET|POST|DELETE /v1/admin/closures`. */
export const closureBody = z
  .object({
    startsOn: z.iso.date().openapi({ example: '2026-12-10' }),
    endsOn: z.iso.date().openapi({ example: '2026-12-11' }),
    /** `dispatch`: no pick-ups; `delivery`: no arrivals; `all`: both. */
    scope: z.enum(closureScopes).openapi({ example: 'all' }),
    /** Only this farm's pick-ups; omitted or null: the whole platform. */
    farmId: z.uuid().nullable().optional(),
    reason: z.string().trim().min(1).max(200).openapi({ example: '태풍으로 택배 집하 중단' }),
  })
  .strict()
  .refine((closure) => closure.startsOn <= closure.endsOn, {
    message: '끝나는 날은 시작하는 날과 같거나 뒤여야 해요.',
    path: ['endsOn'],
  })
  .openapi('ClosureRequest');

export const closureSchema = z
  .object({
    id: z.uuid(),
    startsOn: z.iso.date(),
    endsOn: z.iso.date(),
    scope: z.enum(closureScopes),
    farmId: z.uuid().nullable(),
    reason: z.string(),
    createdAt: z.iso.datetime(),
  })
  .openapi('Closure');
export type Closure = z.infer<typeof closureSchema>;

export const closureListSchema = z.object({ items: z.array(closureSchema) }).openapi('ClosureList');
export type ClosureList = z.infer<typeof closureListSchema>;

/** `DELETE /v1/admin/closures/{closureId}`. */
export const closureRemovedSchema = z.object({ removed: z.literal(true) }).openapi('ClosureRemoved');
