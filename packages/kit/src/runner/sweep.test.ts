import { describe, expect, it } from 'vitest';
import { captureLogger } from '../testing/captured-logger.ts';
import { startSweep } from './sweep.ts';

describe('a periodic sweep', () => {
  it('drains a backlog in one pass, never overlaps itself, logs failures and stops cleanly', async () => {
    const logs = captureLogger('catalog');
    const backlog = [100, 100, 40, 0, new Error('database went away'), 0];
    let active = 0;
    let maxActive = 0;
    let calls = 0;
    const sweep = startSweep({
      name: 'test',
      intervalMs: 5,
      batchSize: 100,
      logger: logs.logger,
      run: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await Bun.sleep(10);
        active--;
        const next = backlog[calls++] ?? 0;
        if (next instanceof Error) throw next;
        return next;
      },
    });
    while (calls < backlog.length) await Bun.sleep(5);
    await sweep.stop();
    const callsAtStop = calls;
    await Bun.sleep(30);
    expect(calls).toBe(callsAtStop);
    expect(maxActive).toBe(1);
    const lines = logs.lines();
    expect(lines.filter((line) => line.msg === 'sweep pass handled items').map((line) => line.handled)).toEqual([
      100, 100, 40,
    ]);
    expect(lines.some((line) => line.msg === 'sweep pass failed')).toBe(true);
  });
});
