import type { Logger } from 'pino';
import type { Principal } from './auth/claims.ts';

/** What the kit puts on every request's context. Services extend it with their own variables. */
export interface KitVariables {
  requestId: string;
  logger: Logger;
  /** Who is calling; set by `authenticate`, absent on public routes and anonymous requests. */
  principal?: Principal;
}

export interface KitEnv {
  Variables: KitVariables;
}
