import type { PayoutAccount } from '@fruitables/identity/contract';
import { type StandInServer, standInRoutes, startStandInServer } from '@fruitables/kit/testing';

/**
 * A small identity honouring its contract's getPayoutAccount (`GET
 * /internal/v1/farms/{farmId}/payout-account`, problem `payout_account_not_found`), over real
 * HTTP: identity's own app needs argon2, mail and its keys, far more than payouts need. Tests
 * give farms accounts with `setAccount()`. identity's own test covers the real route.
 */
export interface IdentityStandIn extends StandInServer {
  setAccount(account: PayoutAccount): void;
  /** Every Authorization header it received (payments must send its service token). */
  authorizations: string[];
}

const notFound = () =>
  Response.json(
    {
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      code: 'payout_account_not_found',
      detail: 'No verified farm with a payout account.',
      requestId: 'stand-in',
    },
    { status: 404, headers: { 'content-type': 'application/problem+json' } },
  );

export function startIdentityStandIn(): IdentityStandIn {
  const accounts = new Map<string, PayoutAccount>();
  const authorizations: string[] = [];
  const server = startStandInServer(
    standInRoutes([
      {
        method: 'GET',
        path: /^\/internal\/v1\/farms\/([^/]+)\/payout-account$/,
        answer(match, request) {
          authorizations.push(request.headers.get('authorization') ?? '');
          const account = accounts.get(match[1] ?? '');
          return account ? Response.json(account) : notFound();
        },
      },
    ]),
  );
  return {
    ...server,
    authorizations,
    setAccount(account) {
      accounts.set(account.farmId, account);
    },
  };
}
