import { busFixtureContext } from '@fruitables/bus/testing';
import type { MigrationContext } from '@fruitables/db';
import { workflowFixtureContext } from '@fruitables/workflow/testing';

/** Schemas that exist only in the test template: fixtures for packages that have no service of their own. */
export const testOnlyContexts: MigrationContext[] = [busFixtureContext, workflowFixtureContext];
