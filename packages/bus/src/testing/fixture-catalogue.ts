import { z } from 'zod';
import { defineCatalogue, defineEvent } from '../catalogue.ts';

/** Events the bus's own tests publish; `fail` lets a test make a handler throw for one event. */
export const fixtureCatalogue = defineCatalogue([
  defineEvent({
    type: 'FixtureHappened',
    version: 1,
    description: 'Something happened in a test: `n` numbers the event, `fail` asks the handler to throw.',
    data: z.object({ n: z.number().int().nonnegative(), fail: z.boolean().optional() }),
  }),
  defineEvent({
    type: 'FixtureNoticed',
    version: 2,
    description: 'A second type, at version 2, for routing and version checks.',
    data: z.object({ note: z.string().min(1) }),
  }),
]);

export type FixtureCatalogue = typeof fixtureCatalogue;
