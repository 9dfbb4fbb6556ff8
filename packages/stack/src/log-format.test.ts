import { describe, expect, it } from 'vitest';
import { formatLogLine } from './log-format.ts';

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
});
