import { z } from 'zod';

/**
 * What travels on a stream: the event plus the metadata every consumer needs to dedupe
 * (`id`), route (`type`, `version`) and trace (`producer`, `traceId`). `data` is checked
 * against the catalogue separately, because its schema depends on `type` and `version`.
 */
export const envelopeSchema = z.object({
  id: z.uuidv7(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  producer: z.string().min(1),
  aggregateId: z.string().min(1),
  data: z.unknown(),
  traceId: z.string().min(1).optional(),
});

export type Envelope = z.infer<typeof envelopeSchema>;

/** The stream entry field that carries the JSON envelope; the only field the bus writes. */
export const ENVELOPE_FIELD = 'envelope';
