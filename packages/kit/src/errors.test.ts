import {
  Conflict,
  DomainError,
  Forbidden,
  Invalid,
  NotFound,
  TooLarge,
  TooManyRequests,
  Unauthorized,
  Unavailable,
  Unprocessable,
  UnsupportedType,
  UpstreamFailed,
  ValidationFailed,
} from '@fruitables/core';
import { describe, expect, it } from 'vitest';
import { statusOfKind } from './errors.ts';
import { problemTitles } from './problem.ts';
import { createTestServiceApp } from './testing/index.ts';

/** An app whose one route throws whatever the test hands it. */
function appThrowing(error: Error) {
  const app = createTestServiceApp();
  app.get('/v1/boom', () => {
    throw error;
  });
  return app;
}

async function problemFor(error: Error) {
  const response = await appThrowing(error).request('/v1/boom');
  return { response, problem: (await response.json()) as Record<string, unknown> };
}

describe('domain error kinds become HTTP statuses in one table', () => {
  it.each([
    [new ValidationFailed('Fix it.', [{ field: 'email', message: 'Enter an email.' }]), 400, 'validation_failed'],
    [new Invalid('Start again.', 'invalid_state'), 400, 'invalid_state'],
    [new Unauthorized(), 401, 'unauthorized'],
    [new Forbidden('No.', 'account_disabled'), 403, 'account_disabled'],
    [new NotFound('No farm with this id.', 'farm_not_found'), 404, 'farm_not_found'],
    [new Conflict('Sold out.', 'sold_out'), 409, 'sold_out'],
    [new TooLarge('Smaller.', 'photo_too_large'), 413, 'photo_too_large'],
    [new UnsupportedType('JPEG only.', 'unsupported_photo_type'), 415, 'unsupported_photo_type'],
    [new Unprocessable('Rows are wrong.', 'batch_invalid'), 422, 'batch_invalid'],
    [new TooManyRequests('Slow down.', 30), 429, 'too_many_requests'],
    [new UpstreamFailed('Kakao failed.', 'provider_unavailable'), 502, 'provider_unavailable'],
    [new Unavailable('Later.', 'auth_unavailable'), 503, 'auth_unavailable'],
  ])('%s answers %i with its own code', async (error, status, code) => {
    const { response, problem } = await problemFor(error);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(problem).toMatchObject({ status, code, title: problemTitles[status], detail: error.message });
  });

  it('gives every kind a status that has a problem title', () => {
    for (const status of Object.values(statusOfKind)) expect(problemTitles[status]).toBeDefined();
  });

  it('keeps the named fields of invalid input and of a conflict', async () => {
    const { problem } = await problemFor(
      new Conflict('Too few.', 'on_hand_below_reserved', [{ field: 'onHand', message: 'Too few.' }]),
    );
    expect(problem.errors).toEqual([{ field: 'onHand', message: 'Too few.' }]);
  });

  it('says when to come back for rate limits and, when known, for outages', async () => {
    expect((await problemFor(new TooManyRequests('Slow down.', 42))).response.headers.get('retry-after')).toBe('42');
    const outage = await problemFor(new Unavailable('Later.', 'maintenance', { retryAfterSeconds: 5 }));
    expect(outage.response.headers.get('retry-after')).toBe('5');
    expect((await problemFor(new NotFound())).response.headers.get('retry-after')).toBeNull();
  });

  it('answers a domain error subclass of the service by its kind', async () => {
    class OutOfStock extends DomainError {
      constructor() {
        super('conflict', 'out_of_stock', 'Nothing left.');
      }
    }
    const { response, problem } = await problemFor(new OutOfStock());
    expect(response.status).toBe(409);
    expect(problem.code).toBe('out_of_stock');
  });
});
