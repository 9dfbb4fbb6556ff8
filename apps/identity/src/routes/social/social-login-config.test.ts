import type { TestResponse } from '@fruitables/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { call } from '../../testing/client.ts';
import { createHarness, type IdentityHarness } from '../../testing/harness.ts';
import { TEST_REDIRECT_BASE } from '../../testing/social-client.ts';
import { type StandInProvider, startStandInProvider } from '../../testing/stand-in-provider.ts';
import { socialProvidersSchema } from './schema.ts';

// Two deployments: one with Kakao credentials only, one with no provider at all.
let kakaoOnly: IdentityHarness;
let none: IdentityHarness;
let standIn: StandInProvider;
beforeAll(async () => {
  standIn = startStandInProvider();
  kakaoOnly = await createHarness('social-kakao-only', {
    social: standIn.config({ redirectBase: TEST_REDIRECT_BASE, only: ['kakao'] }),
  });
  none = await createHarness('social-none');
});
afterAll(async () => {
  await kakaoOnly.close();
  await none.close();
  await standIn.stop();
});

async function expectNotConfigured(response: TestResponse, provider: string): Promise<void> {
  expect(response.status).toBe(404);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const problem = response.problem;
  expect(problem.code).toBe('provider_not_configured');
  expect(problem.detail).toContain(`${provider} login is not available`);
}

describe('a provider without credentials', () => {
  it('is left out of the providers list', async () => {
    const response = await call(kakaoOnly, 'GET', '/v1/social/providers');
    expect(response.parse(socialProvidersSchema).providers.map((p) => p.id)).toEqual(['kakao']);
  });

  it('answers 404 provider_not_configured at start and at the callback', async () => {
    await expectNotConfigured(await call(kakaoOnly, 'GET', '/v1/social/naver/start'), 'Naver');
    await expectNotConfigured(await call(kakaoOnly, 'GET', '/v1/social/naver/callback?code=x&state=y'), 'Naver');
    expect((await call(kakaoOnly, 'GET', '/v1/social/kakao/start')).status).toBe(302);
  });

  it('leaves the list empty when no provider is configured, so the storefront shows no button', async () => {
    const response = await call(none, 'GET', '/v1/social/providers');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ providers: [] });
    await expectNotConfigured(await call(none, 'GET', '/v1/social/kakao/start?returnTo=%2F'), 'Kakao');
  });

  it('answers 400 for a provider we do not support at all', async () => {
    const response = await call(kakaoOnly, 'GET', '/v1/social/google/start');
    expect(response.status).toBe(400);
    expect(response.problem.code).toBe('validation_failed');
  });
});

describe('the OpenAPI document', () => {
  it('documents the social routes with their redirects and problems', async () => {
    const operation = z.object({ responses: z.record(z.string(), z.unknown()) }).partial();
    const document = (await call(none, 'GET', '/openapi.json')).parse(
      z.object({ paths: z.record(z.string(), z.record(z.string(), operation)) }),
    );
    expect(Object.keys(document.paths['/v1/social/{provider}/callback']?.get?.responses ?? {}).sort()).toEqual([
      '302',
      '400',
      '403',
      '404',
      '502',
    ]);
    expect(document.paths['/v1/social/{provider}/start']?.get?.responses).toHaveProperty('302');
    expect(document.paths['/v1/social/providers']?.get?.responses).toHaveProperty('200');
  });
});
