import { defineCatalogue, defineEvent } from '@fruitables/bus';
import { z } from 'zod';

/** What the fixture's workflows announce when they settle, through the fixture's outbox. */
export const workflowFixtureCatalogue = defineCatalogue([
  defineEvent({
    type: 'FixtureCheckoutSettled',
    version: 1,
    description: 'A fixture checkout run settled: completed, compensated or failed.',
    data: z.object({ runId: z.uuid(), state: z.enum(['completed', 'compensated', 'failed']) }),
  }),
]);

export const fixtureProducer = { name: 'workflow_fixture', stream: 'workflow_fixture.events' };
