import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv, serviceEnvShape } from './env.ts';

describe('parseEnv', () => {
  it('applies defaults and coerces numbers', () => {
    const env = parseEnv(serviceEnvShape, {
      DATABASE_URL: 'postgres://u@127.0.0.1:5432/db',
      REDIS_URL: 'redis://127.0.0.1:6379',
      PORT: '7100',
    });
    expect(env).toMatchObject({ PORT: 7100, LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: 20_000 });
  });

  it('lists every bad variable at once, readably', () => {
    let caught: unknown;
    try {
      parseEnv(serviceEnvShape, { DATABASE_URL: 'mysql://nope', PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvError);
    const problems = (caught as EnvError).problems.join('\n');
    expect(problems).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(problems).toMatch(/REDIS_URL is required/);
    expect(problems).toMatch(/PORT:/);
    expect(problems).toMatch(/LOG_LEVEL:/);
    expect((caught as EnvError).message).toContain('invalid environment');
  });
});
