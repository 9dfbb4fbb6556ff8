import type { z } from 'zod';
import type { ServiceDefinition } from './types.ts';

/**
 * A service's definition, typed from its own parts (env shape, config, tables): `src/service.ts`
 * exports one, and `src/main.ts` only hands it to `runService` with the environment.
 */
export function defineService<
  TShape extends z.ZodRawShape,
  TTables extends Record<string, unknown>,
  TConfig = undefined,
  TVerifies extends boolean = false,
>(
  definition: ServiceDefinition<TShape, TConfig, TTables, TVerifies>,
): ServiceDefinition<TShape, TConfig, TTables, TVerifies> {
  return definition;
}
