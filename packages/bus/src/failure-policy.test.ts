import {
  Conflict,
  Forbidden,
  Invalid,
  NotFound,
  TooLarge,
  TooManyRequests,
  Unavailable,
  Unprocessable,
  UnsupportedType,
  UpstreamFailed,
  ValidationFailed,
} from '@fruitables/core';
import { describe, expect, it } from 'vitest';
import { decideOnFailure } from './failure-policy.ts';

describe('what a consumer does with a failed handler', () => {
  it('dead-letters at once what the event itself can never pass', () => {
    for (const error of [
      new Invalid('Bad lot code.', 'lot_code_invalid'),
      new ValidationFailed('Fix the fields.', [{ field: 'grade', message: 'Unknown grade.' }]),
      new Unprocessable('Cannot use it.', 'unusable'),
      new TooLarge('Too big.', 'too_big'),
      new UnsupportedType('Not an image.', 'not_an_image'),
    ]) {
      expect(decideOnFailure(error)).toMatchObject({ action: 'dead-letter', reason: 'handler-rejected' });
    }
  });

  it('retries what may change: missing or conflicting state, credentials, outages, bugs', () => {
    for (const error of [
      new NotFound('No farm yet.', 'farm_not_found'),
      new Conflict('Changed meanwhile.', 'stale'),
      new Forbidden(),
      new UpstreamFailed('Their side.'),
      new Unavailable('Later.'),
      new Error('connection reset'),
    ]) {
      expect(decideOnFailure(error)).toMatchObject({ action: 'retry', minDelayMs: 0 });
    }
  });

  it('waits at least as long as a rate limit or an outage asks', () => {
    expect(decideOnFailure(new TooManyRequests('Slow down.', 3))).toMatchObject({ action: 'retry', minDelayMs: 3000 });
    expect(decideOnFailure(new Unavailable('Later.', 'down', { retryAfterSeconds: 2 }))).toMatchObject({
      minDelayMs: 2000,
    });
  });

  it('keeps the kind and code in the dead letter, so it can be sorted without reading code', () => {
    expect(decideOnFailure(new Invalid('Bad lot code.', 'lot_code_invalid')).error).toBe(
      'invalid lot_code_invalid: Bad lot code.',
    );
  });
});
