import { describe, expect, it } from 'vitest';
import { logSafeError } from './log-safe-error.ts';

describe('logSafeError', () => {
  it('drops bound query parameters from the message, the stack and the cause', () => {
    const driverError = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: '22021',
      parameters: ['nul.probe@example.kr', '$argon2id$v=19$m=65536$secret'],
    });
    const queryError = new Error(
      'Failed query: insert into "identity"."accounts" ("email", "password_hash") values ($1, $2)\nparams: nul.probe@example.kr,$argon2id$v=19$m=65536$secret',
      { cause: driverError },
    );
    const logged = logSafeError(queryError);
    const text = JSON.stringify(logged);
    expect(text).not.toContain('nul.probe@example.kr');
    expect(text).not.toContain('argon2id');
    expect(logged.message).toContain('Failed query: insert into "identity"."accounts"');
    expect(logged.stack).toContain('params: [not logged]');
    expect(logged.cause).toMatchObject({ code: '22021', message: 'invalid byte sequence for encoding "UTF8": 0x00' });
  });

  it('describes a thrown non-error without echoing it', () => {
    expect(logSafeError('secret string')).toEqual({ type: 'string', message: 'a non-Error value was thrown' });
  });
});
