import { describe, expect, it } from 'vitest';
import { createRequestLogWriter } from './request-log.ts';
import { captureLogger } from './testing/index.ts';

describe('the request line', () => {
  it('is exactly what pino would write for the same fields, time aside', () => {
    const captured = captureLogger('shop');
    const fields = { method: 'GET', path: '/v1/products/"odd"\\path', status: 200, durationMs: 1.3 };
    createRequestLogWriter(captured.logger)({ requestId: 'req-0001', ...fields });
    captured.logger.child({ requestId: 'req-0001' }).info(fields, 'request finished');
    const [handBuilt, fromPino] = captured.lines();
    expect(handBuilt).toEqual({ ...fromPino, time: handBuilt?.time });
    expect(Object.keys(handBuilt ?? {})).toEqual(Object.keys(fromPino ?? {}));
    expect(Date.parse(String(handBuilt?.time))).toBeGreaterThan(Date.now() - 60_000);
  });

  it('is not written when the level is above info', () => {
    const captured = captureLogger();
    captured.logger.level = 'warn';
    createRequestLogWriter(captured.logger)({ requestId: 'r', method: 'GET', path: '/', status: 200, durationMs: 1 });
    expect(captured.lines()).toEqual([]);
  });
});
