import type { DestinationStream } from 'pino';

/** A log destination that can be emptied on demand (pino's `logger.flush()` calls `flush`). */
export interface BatchedDestination extends DestinationStream {
  flush(callback?: (error?: Error) => void): void;
}

// Past this many characters a batch is written at once instead of at the end of the tick.
const MAX_PENDING_CHARS = 64 * 1024;

/**
 * Collects the lines logged during one turn of the event loop and hands them to `target`
 * as one write when the turn ends. Under load that turns one write syscall per request into
 * one per batch of requests, and costs nothing in latency: a line waits only for the turn
 * it was logged in. Lines still pending when the process exits are written on `exit`, so a
 * last line before `process.exit` is not lost.
 *
 * `target` should write synchronously (pino.destination({ sync: true })): the batching is
 * done here, and an async target would buffer again.
 */
export function batchPerTick(target: { write(text: string): unknown }): BatchedDestination {
  let pending = '';
  let scheduled = false;
  const flushNow = () => {
    scheduled = false;
    if (pending === '') return;
    const text = pending;
    pending = '';
    target.write(text);
  };
  process.on('exit', flushNow);
  return {
    write(line: string) {
      pending += line;
      if (pending.length >= MAX_PENDING_CHARS) flushNow();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flushNow);
      }
    },
    flush(callback) {
      flushNow();
      callback?.();
    },
  };
}
