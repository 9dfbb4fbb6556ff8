import type { MigrationContext } from '@fruitables/db';
import { catalogContext } from '@fruitables/schema-catalog';
import { identityContext } from '@fruitables/schema-identity';
import { logisticsContext } from '@fruitables/schema-logistics';
import { ordersContext } from '@fruitables/schema-orders';
import { paymentsContext } from '@fruitables/schema-payments';
import { storefrontContext } from '@fruitables/schema-storefront';

/**
 * Every bounded context's schema, in the order they are migrated. Adding a service means
 * adding its schema package's context here; the migrate Job and the local stack both read
 * this one list.
 */
export const platformContexts: MigrationContext[] = [
  identityContext,
  catalogContext,
  storefrontContext,
  ordersContext,
  logisticsContext,
  paymentsContext,
];
