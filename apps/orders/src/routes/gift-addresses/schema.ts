import { z } from '@hono/zod-openapi';

/** The link's token: `<payload>.<signature>`, both base64url; anything else is 404 in the domain, not 400 here. */
export const giftAddressParams = z.object({
  token: z
    .string()
    .min(1)
    .max(300)
    .openapi({
      param: { name: 'token', in: 'path' },
      example: 'MDE5NmYwYzItN2IzYS03YzFlLThmMDAtMDAwMDAwMDAwMDIwLjE3ODkxMTAwMDA.c2lnbmF0dXJl',
    }),
});

/** Public, no sign-in: the link itself is the credential (HMAC-signed, valid until the deadline). */
export const publicRouteSecurity = { security: [] };
