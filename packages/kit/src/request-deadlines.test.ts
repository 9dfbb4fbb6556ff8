import { describe, expect, it } from 'vitest';
import { createDeadlines, TIMED_OUT } from './request-deadlines.ts';

const settleAfter = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(resolve, ms, value));

describe('request deadlines', () => {
  it('passes through work that finishes in time, value or error', async () => {
    const withDeadline = createDeadlines(200);
    expect(await withDeadline(settleAfter(10, 'done'))).toBe('done');
    await expect(withDeadline(Promise.reject(new Error('broken')))).rejects.toThrow('broken');
  });

  it('settles overrunning work with TIMED_OUT at its deadline, not before and not much after', async () => {
    const withDeadline = createDeadlines(80);
    const started = performance.now();
    expect(await withDeadline(new Promise<never>(() => {}))).toBe(TIMED_OUT);
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(78);
    expect(waited).toBeLessThan(160);
  });

  it('gives each request its own deadline although one timer serves them all', async () => {
    const withDeadline = createDeadlines(100);
    const hang = () => new Promise<never>(() => {});
    const started = performance.now();
    const first = withDeadline(hang()).then(() => performance.now() - started);
    // Finishes in time between the two hanging ones: must not disturb either deadline.
    const quick = withDeadline(settleAfter(20, 'quick'));
    await Bun.sleep(50);
    const second = withDeadline(hang()).then(() => performance.now() - started);
    expect(await quick).toBe('quick');
    const [firstWaited, secondWaited] = await Promise.all([first, second]);
    expect(firstWaited).toBeGreaterThanOrEqual(98);
    expect(firstWaited).toBeLessThan(145);
    // Started 50 ms later, so it expires about 50 ms later, not with the first one.
    expect(secondWaited).toBeGreaterThanOrEqual(145);
    expect(secondWaited).toBeLessThan(220);
  });

  it('keeps working after an idle spell (the timer re-arms for new requests)', async () => {
    const withDeadline = createDeadlines(30);
    expect(await withDeadline(new Promise<never>(() => {}))).toBe(TIMED_OUT);
    await Bun.sleep(50);
    expect(await withDeadline(settleAfter(5, 'again'))).toBe('again');
    expect(await withDeadline(new Promise<never>(() => {}))).toBe(TIMED_OUT);
  });
});
