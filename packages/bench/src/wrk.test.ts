import { describe, expect, it } from 'vitest';
import { parseWrk } from './wrk.ts';

const sample = `Running 10s test @ http://127.0.0.1:1234/
  1 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.20ms  300.00us   9.00ms   90.00%
  Latency Distribution
     50%    1.10ms
     75%    1.30ms
     90%    1.60ms
     99%  850.00us
  400000 requests in 10.00s, 50.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:  40000.12
Transfer/sec:      5.00MB
`;

describe('parseWrk', () => {
  it('reads throughput, percentiles in any unit, and counts every kind of error', () => {
    expect(parseWrk(sample)).toEqual({
      requests: 400000,
      requestsPerSecond: 40000.12,
      p50Ms: 1.1,
      p99Ms: 0.85,
      errors: 7,
    });
  });

  it('refuses output it does not understand instead of reporting zero', () => {
    expect(() => parseWrk('connection refused')).toThrow(/could not read wrk output/);
  });
});
