import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { beginTotpEnrolment } from '../../domain/mfa-enrolment.ts';
import { clientAddress } from '../client-address.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { NO_STORE } from '../sessions/schema.ts';
import { beginTotpEnrolmentBody, pendingTotpSchema } from './schema.ts';

export const beginTotpEnrolmentRoute = createRoute({
  method: 'post',
  path: '/v1/me/mfa/totp',
  tags: ['mfa'],
  summary: 'Start enrolling an authenticator app (admins)',
  description:
    'For an admin whose log-in answered `mfa: enrolment_required`: the enrolment challenge from that answer and the password again. Returns a new TOTP secret as an otpauth URI, an SVG QR code and base32 text; it becomes active only once POST /v1/me/mfa/totp/confirm receives a code from it. An admin has no session (and no admin rights anywhere) until then. Repeating this replaces the pending secret.',
  request: { body: { required: true, content: { 'application/json': { schema: beginTotpEnrolmentBody } } } },
  responses: {
    200: { description: 'A pending secret', content: { 'application/json': { schema: pendingTotpSchema } } },
    ...problemResponses(400, 401, 409, 429),
  },
});

export function registerBeginTotpEnrolment(app: IdentityApp, deps: RouteDeps): void {
  app.openapi(beginTotpEnrolmentRoute, async (c) => {
    const { challenge, password } = c.req.valid('json');
    const pending = await beginTotpEnrolment(deps.ctx, {
      challenge,
      password,
      ip: clientAddress(c, deps.trustedProxyHops),
    });
    return c.json(
      {
        otpauthUri: pending.otpauthUri,
        qrSvg: pending.qrSvg,
        secret: pending.secret,
        expiresAt: pending.expiresAt.toISOString(),
      },
      200,
      NO_STORE,
    );
  });
}
