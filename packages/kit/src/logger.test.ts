import { describe, expect, it } from 'vitest';
import { censorRecord, censorUrl } from './logger.ts';
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

describe('log censoring of tokens, OAuth callbacks and bank details', () => {
  const secrets = {
    access_token: 'SECRET-ACCESS-SNAKE',
    refresh_token: 'SECRET-REFRESH-SNAKE',
    accessToken: 'SECRET-ACCESS-CAMEL',
    refreshToken: 'SECRET-REFRESH-CAMEL',
    code: 'SECRET-OAUTH-CODE',
    state: 'SECRET-OAUTH-STATE',
    accountHolder: 'SECRET-HOLDER-박정호',
    bankAccountHolder: 'SECRET-BANK-HOLDER-박정호',
  };

  it('censors them in bodies, nested objects and URL query strings, and keeps error codes', () => {
    const captured = captureLogger();
    const query = new URLSearchParams({
      code: secrets.code,
      state: secrets.state,
      access_token: secrets.access_token,
      refreshToken: secrets.refreshToken,
    });
    captured.logger.info(
      {
        body: secrets,
        nested: { deeper: { 'Refresh-Token': secrets.refresh_token } },
        path: `/v1/social/kakao/callback?${query}`,
        url: `https://shop.example/callback#access_token=${secrets.accessToken}&state=${secrets.state}`,
        error: { type: 'PostgresError', code: '23505' },
      },
      'callback',
    );
    const output = JSON.stringify(captured.lines());
    for (const value of Object.values(secrets)) expect(output).not.toContain(value);
    const [line] = captured.lines();
    expect(line?.path).toBe(
      '/v1/social/kakao/callback?code=[redacted]&state=[redacted]&access_token=[redacted]&refreshToken=[redacted]',
    );
    expect(line?.error).toEqual({ type: 'PostgresError', code: '23505' });
  });

  it('leaves URLs without sensitive parameters alone', () => {
    expect(censorUrl('/v1/products?page=2&sort=price')).toBe('/v1/products?page=2&sort=price');
    expect(censorUrl('/v1/products?barcode=123')).toBe('/v1/products?barcode=123');
  });
});
