import { describe, expect, it } from 'vitest';
import {
  Conflict,
  DomainError,
  farmNotFound,
  NotFound,
  TooManyRequests,
  Unavailable,
  ValidationFailed,
} from './index.ts';

describe('domain errors', () => {
  it('carry a kind and a stable code, never a transport status', () => {
    const error = new Conflict('품절되었습니다.', 'sold_out');
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'conflict', code: 'sold_out', message: '품절되었습니다.', name: 'Conflict' });
    expect('status' in error).toBe(false);
  });

  it('name the fields at fault for invalid input', () => {
    const error = new ValidationFailed('Fix the fields.', [{ field: 'email', message: 'Enter an email.' }]);
    expect(error).toMatchObject({ kind: 'invalid', code: 'validation_failed' });
    expect(error.fields).toEqual([{ field: 'email', message: 'Enter an email.' }]);
  });

  it('say when to come back when they know', () => {
    expect(new TooManyRequests('Slow down.', 30).retryAfterSeconds).toBe(30);
    expect(new Unavailable('Later.').retryAfterSeconds).toBeUndefined();
  });

  it('keep the cause for the log', () => {
    const cause = new Error('ECONNREFUSED');
    expect(new Unavailable('Later.', 'auth_unavailable', { cause }).cause).toBe(cause);
  });

  it('make a missing farm and a foreign farm look the same', () => {
    expect(farmNotFound()).toBeInstanceOf(NotFound);
    expect(farmNotFound()).toMatchObject({ kind: 'not_found', code: 'farm_not_found' });
  });
});
