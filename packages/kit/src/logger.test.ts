import { describe, expect, it } from 'vitest';
import { censorRecord } from './logger.ts';
import { captureLogger } from './testing/index.ts';

describe('log censoring', () => {
  it('censors secrets and personal data at any depth, keeping everything else', () => {
    const record = {
      user: { email: 'a@b.kr', password: 'pw', addresses: [{ roadAddress: '충주시 …', zoneCode: '27300' }] },
      headers: { authorization: 'Bearer x', accept: 'json' },
      refreshToken: 'r',
    };
    expect(censorRecord(record)).toEqual({
      user: {
        email: '[redacted]',
        password: '[redacted]',
        addresses: [{ roadAddress: '[redacted]', zoneCode: '27300' }],
      },
      headers: { authorization: '[redacted]', accept: 'json' },
      refreshToken: '[redacted]',
    });
  });

  it('leaves errors for pino to serialize, with their message and stack', () => {
    const captured = captureLogger();
    captured.logger.error({ err: new Error('boom'), token: 't' }, 'failed');
    const [line] = captured.lines();
    expect(line).toMatchObject({ token: '[redacted]', err: { type: 'Error', message: 'boom' } });
    expect(String((line?.err as { stack?: string } | undefined)?.stack)).toContain('boom');
  });
});
