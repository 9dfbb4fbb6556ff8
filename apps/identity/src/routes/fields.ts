import { bearerSecurity } from '@fruitables/kit';
import { z } from '@hono/zod-openapi';
import { normaliseMobile, normalisePhone } from '../domain/korean-formats.ts';

/*
 * Field schemas shared by several resources. Request bodies are built with `strictBody`, so a
 * field the API does not define (`role`, `roles`, `verified`, `farmIds`…) is a 400 naming it,
 * never silently dropped and never applied.
 */

/** A request body that refuses unknown fields, naming them in the problem. */
export function strictBody<TShape extends z.ZodRawShape>(shape: TShape) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Remove ${issue.keys.map((key) => `"${key}"`).join(', ')}: not a field of this request.`
        : undefined,
  });
}

/**
 * The start of every string field a request brings in. PostgreSQL text cannot hold U+0000, so
 * a value carrying one would otherwise fail at the database as a 500; here it is a 400 naming
 * the field. Fields that are only hashed (passwords, refresh tokens) refuse it too, so every
 * route answers it alike.
 */
export const storableString = () =>
  z.string().refine((value) => !value.includes('\u0000'), 'Remove the NUL character (U+0000): it cannot be stored.');

/** Text a person typed: trimmed, non-empty, bounded. */
export const text = (max: number) =>
  storableString().trim().min(1, 'Fill this in.').max(max, `Use at most ${max} characters.`);

export const emailField = z
  .email({ error: 'Enter an email address like name@example.com.' })
  .max(254)
  .openapi({ example: 'minji.kim@example.kr' });

export const displayNameField = text(50).openapi({ example: '김민지' });

/** Korean mobile number, with or without hyphens; stored and returned as digits. */
export const mobileField = z
  .string()
  .transform((value, ctx) => {
    const digits = normaliseMobile(value);
    if (digits === undefined) {
      ctx.addIssue({ code: 'custom', message: 'Enter a Korean mobile number like 010-1234-5678.' });
      return z.NEVER;
    }
    return digits;
  })
  .openapi({ type: 'string', example: '010-1234-5678' });

/** Any Korean phone number (mobile or landline); stored and returned as digits. */
export const phoneField = z
  .string()
  .transform((value, ctx) => {
    const digits = normalisePhone(value);
    if (digits === undefined) {
      ctx.addIssue({ code: 'custom', message: 'Enter a Korean phone number like 010-1234-5678 or 063-123-4567.' });
      return z.NEVER;
    }
    return digits;
  })
  .openapi({ type: 'string', example: '010-1234-5678' });

export const zoneCodeField = z
  .string()
  .trim()
  .regex(/^\d{5}$/, 'Enter the five-digit zone code (우편번호).')
  .openapi({ example: '06236' });

export const roadAddressField = text(200).openapi({ example: '서울특별시 강남구 테헤란로 152' });

export const idParam = (name: string) =>
  z.uuid({ error: 'Use an id as returned by the API.' }).openapi({
    param: { name, in: 'path' },
    example: '0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b',
  });

/** Every time leaves the API as an ISO 8601 UTC string. */
export const timestampField = z.iso.datetime().openapi({ example: '2026-11-21T03:15:00.000Z' });

/** The OpenAPI security of routes for any signed-in person (`signedIn`; services are refused). */
export const signedInRouteSecurity = bearerSecurity(['shopper', 'farmer', 'admin']);
/** The OpenAPI security of admin routes (`signedIn` + `requireRole('admin')`). */
export const adminRouteSecurity = bearerSecurity(['admin']);
