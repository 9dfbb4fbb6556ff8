import type { z } from 'zod';
import type { Envelope } from './envelope.ts';

/** One event type at one version: its payload schema and what it means, for the catalogue docs. */
export interface EventDefinition<TType extends string = string, TData extends z.ZodType = z.ZodType> {
  readonly type: TType;
  readonly version: number;
  readonly data: TData;
  readonly description: string;
}

/** Maps each event type to its current definition. Build one with `defineCatalogue`. */
export type EventCatalogue = Readonly<Record<string, EventDefinition>>;

export type EventType<C extends EventCatalogue> = Extract<keyof C, string>;

/** The payload a handler receives (after the schema's parse). */
export type EventData<C extends EventCatalogue, T extends EventType<C>> = z.output<C[T]['data']>;

/** The payload a publisher passes (before the schema's parse). */
export type EventInput<C extends EventCatalogue, T extends EventType<C>> = z.input<C[T]['data']>;

/** An envelope whose `type` and `data` are narrowed by the catalogue. */
export type EventEnvelope<C extends EventCatalogue, T extends EventType<C> = EventType<C>> = {
  [K in T]: Omit<Envelope, 'type' | 'data'> & { type: K; data: EventData<C, K> };
}[T];

export function defineEvent<const TType extends string, TData extends z.ZodType>(
  definition: EventDefinition<TType, TData>,
): EventDefinition<TType, TData> {
  if (!Number.isInteger(definition.version) || definition.version < 1) {
    throw new RangeError(`event ${definition.type}: version must be a positive integer`);
  }
  return Object.freeze({ ...definition });
}

type CatalogueOf<TDefs extends readonly EventDefinition[]> = {
  readonly [D in TDefs[number] as D['type']]: D;
};

/**
 * Keys the definitions by type. A type appears once: a breaking change is a new version
 * that replaces the old definition, and consumers dead-letter versions they do not know
 * rather than guessing at a shape.
 */
export function defineCatalogue<const TDefs extends readonly EventDefinition[]>(
  definitions: TDefs,
): CatalogueOf<TDefs> {
  const catalogue: Record<string, EventDefinition> = {};
  for (const definition of definitions) {
    if (catalogue[definition.type]) throw new Error(`event type ${definition.type} is defined twice`);
    catalogue[definition.type] = definition;
  }
  return Object.freeze(catalogue) as CatalogueOf<TDefs>;
}
