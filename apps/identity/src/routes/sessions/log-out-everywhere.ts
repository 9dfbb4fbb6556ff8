import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { applyAccountRevocation } from '../../domain/access-token-revocation.ts';
import { endAllSessions } from '../../domain/sessions.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { signedInRouteSecurity } from '../fields.ts';
import { accountIdOf } from '../principal.ts';

export const logOutEverywhereRoute = createRoute({
  method: 'post',
  path: '/v1/sessions/logout-everywhere',
  tags: ['sessions'],
  summary: 'Log out of every session on every device',
  description: 'Ends all sessions of the caller; every access token issued until now stops working within a second.',
  ...signedInRouteSecurity,
  responses: { 204: { description: 'Logged out everywhere' }, ...problemResponses(401, 403) },
});

export function registerLogOutEverywhere(app: IdentityApp, deps: RouteDeps): void {
  app.openapi({ ...logOutEverywhereRoute, middleware: [deps.signedIn] }, async (c) => {
    const accountId = accountIdOf(c);
    const revocation = await deps.ctx.db.transaction((tx) =>
      endAllSessions({ ...deps.ctx, db: tx }, accountId, 'logout_everywhere'),
    );
    await applyAccountRevocation(deps.ctx, revocation);
    return c.body(null, 204);
  });
}
