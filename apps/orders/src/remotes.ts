import { CATALOG_AUDIENCE, HOLDS_SCOPE } from '@fruitables/catalog/contract';
import { createServiceTokenProvider, type Logger } from '@fruitables/kit';
import { createServiceClient, tokenUrlOf } from '@fruitables/kit/client';
import { BOOKINGS_SCOPE, LOGISTICS_AUDIENCE } from '@fruitables/logistics/contract';
import { PAYMENTS_AUDIENCE, REFUNDS_SCOPE } from '@fruitables/payments/contract';
import type { Remotes } from './domain/context.ts';

export interface RemoteSettings {
  catalogUrl: string;
  logisticsUrl: string;
  paymentsUrl: string;
  credentials: { clientId: string; clientSecret: string; identityUrl: string };
  logger: Logger;
}

/**
 * orders' clients for catalog, logistics and payments: one service token per callee (its
 * audience, the one scope identity granted orders there), timeouts, retries of what is safe
 * to repeat, and a circuit per callee.
 */
export function createRemotes(settings: RemoteSettings): Remotes {
  const tokens = (audience: string, scope: string) =>
    createServiceTokenProvider({
      tokenUrl: tokenUrlOf(settings.credentials.identityUrl),
      clientId: settings.credentials.clientId,
      clientSecret: settings.credentials.clientSecret,
      audience,
      scopes: [scope],
    });
  return {
    catalog: createServiceClient({
      callee: 'catalog',
      baseUrl: settings.catalogUrl,
      tokens: tokens(CATALOG_AUDIENCE, HOLDS_SCOPE),
      timeoutMs: 5_000,
      logger: settings.logger,
    }),
    logistics: createServiceClient({
      callee: 'logistics',
      baseUrl: settings.logisticsUrl,
      tokens: tokens(LOGISTICS_AUDIENCE, BOOKINGS_SCOPE),
      timeoutMs: 5_000,
      logger: settings.logger,
    }),
    payments: createServiceClient({
      callee: 'payments',
      baseUrl: settings.paymentsUrl,
      tokens: tokens(PAYMENTS_AUDIENCE, REFUNDS_SCOPE),
      timeoutMs: 12_000,
      logger: settings.logger,
    }),
  };
}
