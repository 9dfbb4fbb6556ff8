import { EnvError, parseEnv } from '@fruitables/kit';
import { describe, expect, it } from 'vitest';
import { identityEnvShape, socialLoginConfigFrom } from './env.ts';

const base = {
  IDENTITY_SIGNING_KEYS: JSON.stringify([{ kty: 'EC', crv: 'P-256', kid: 'k', x: 'x', y: 'y', d: 'd' }]),
  IDENTITY_ENCRYPTION_KEYS: JSON.stringify({ k1: Buffer.alloc(32).toString('base64') }),
  IDENTITY_ENCRYPTION_KEY_ID: 'k1',
  IDENTITY_SMTP_URL: 'smtp://127.0.0.1:1025',
  IDENTITY_PUBLIC_URL: 'https://fruitables.kr',
};

const social = (variables: Record<string, string>) =>
  socialLoginConfigFrom(parseEnv(identityEnvShape, { ...base, ...variables }));

describe('social login settings from the environment', () => {
  it('are off without provider credentials', () => {
    expect(social({})).toBeUndefined();
  });

  it('turn a provider on with its id, secret and the callback base, at the production endpoints', () => {
    expect(
      social({
        IDENTITY_KAKAO_CLIENT_ID: 'kakao-id',
        IDENTITY_KAKAO_CLIENT_SECRET: 'kakao-secret',
        IDENTITY_SOCIAL_REDIRECT_BASE: 'https://fruitables.kr/api/identity/',
      }),
    ).toEqual({
      redirectBase: 'https://fruitables.kr/api/identity',
      timeoutMs: 4000,
      providers: {
        kakao: {
          clientId: 'kakao-id',
          clientSecret: 'kakao-secret',
          authUrl: 'https://kauth.kakao.com',
          apiUrl: 'https://kapi.kakao.com',
        },
      },
    });
  });

  it('refuse half a credential pair and credentials without a callback base, naming both', () => {
    expect(() => social({ IDENTITY_NAVER_CLIENT_ID: 'naver-id' })).toThrow(EnvError);
    let problems: string[] = [];
    try {
      social({
        IDENTITY_NAVER_CLIENT_ID: 'naver-id',
        IDENTITY_KAKAO_CLIENT_ID: 'k',
        IDENTITY_KAKAO_CLIENT_SECRET: 's',
      });
    } catch (error) {
      if (error instanceof EnvError) problems = error.problems;
    }
    expect(problems).toEqual([
      'IDENTITY_NAVER_CLIENT_ID and IDENTITY_NAVER_CLIENT_SECRET must be set together',
      'IDENTITY_SOCIAL_REDIRECT_BASE is required when a social login provider is configured',
    ]);
  });

  it('refuse plain http except on loopback, where the stand-in and local stack live', () => {
    expect(() => parseEnv(identityEnvShape, { ...base, IDENTITY_KAKAO_AUTH_URL: 'http://kauth.example' })).toThrow(
      EnvError,
    );
    expect(
      parseEnv(identityEnvShape, { ...base, IDENTITY_SOCIAL_REDIRECT_BASE: 'http://localhost:8080/api/identity' })
        .IDENTITY_SOCIAL_REDIRECT_BASE,
    ).toBe('http://localhost:8080/api/identity');
  });
});
