import { describe, expect, it } from 'vitest';
import { formatLogLine, isPassingHealthCheck } from './log-format.ts';

describe('formatLogLine', () => {
  it('shows a JSON log line as time, service, level, message and fields', () => {
    const line = JSON.stringify({
      level: 'info',
      time: '2026-11-21T12:31:04.120Z',
      service: 'identity',
      msg: 'request finished',
      status: 200,
      path: '/healthz',
    });
    expect(formatLogLine(line, 'x', false)).toBe('12:31:04 identity   INFO  request finished status=200 path=/healthz');
  });

  it('passes through lines that are not JSON, tagged with the service', () => {
    expect(formatLogLine('Segmentation fault', 'catalog', false)).toBe('catalog    Segmentation fault');
  });

  it('recognises passing health checks (hidden when following logs), but not failing ones', () => {
    const probe = (status: number) =>
      JSON.stringify({ level: 'info', service: 'storefront', msg: 'request finished', path: '/healthz', status });
    expect(isPassingHealthCheck(probe(200))).toBe(true);
    expect(isPassingHealthCheck(probe(503))).toBe(false);
    expect(isPassingHealthCheck('not json "/healthz"')).toBe(false);
  });
});
