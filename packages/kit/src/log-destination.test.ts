import { describe, expect, it } from 'vitest';
import { batchPerTick } from './log-destination.ts';

describe('the batched log destination', () => {
  it('writes the lines of one event-loop turn in one write, in order', async () => {
    const writes: string[] = [];
    const destination = batchPerTick({ write: (text) => writes.push(text) });
    destination.write('a\n');
    destination.write('b\n');
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(['a\nb\n']);
    destination.write('c\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(['a\nb\n', 'c\n']);
  });

  it('writes pending lines at once on flush, as before a shutdown', () => {
    const writes: string[] = [];
    const destination = batchPerTick({ write: (text) => writes.push(text) });
    destination.write('last words\n');
    let flushed = false;
    destination.flush(() => {
      flushed = true;
    });
    expect(writes).toEqual(['last words\n']);
    expect(flushed).toBe(true);
  });
});
