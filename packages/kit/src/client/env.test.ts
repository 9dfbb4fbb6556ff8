import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { serviceClientEnvShape as runnerShape } from '../runner/shared-env.ts';
import { serviceClientEnvShape } from './env.ts';

describe('the service client environment', () => {
  it('is one definition, whether taken from the kit or from the client', () => {
    expect(runnerShape).toBe(serviceClientEnvShape);
  });

  it('keeps identity without a trailing slash and refuses a secret identity cannot have issued', () => {
    const shape = z.object(serviceClientEnvShape);
    expect(
      shape.parse({
        SERVICE_CLIENT_ID: 'orders',
        SERVICE_CLIENT_SECRET: 's'.repeat(43),
        IDENTITY_URL: 'http://127.0.0.1:7101/',
      }),
    ).toEqual({
      SERVICE_CLIENT_ID: 'orders',
      SERVICE_CLIENT_SECRET: 's'.repeat(43),
      IDENTITY_URL: 'http://127.0.0.1:7101',
    });
    expect(shape.safeParse({ SERVICE_CLIENT_SECRET: 'short' }).success).toBe(false);
  });
});
