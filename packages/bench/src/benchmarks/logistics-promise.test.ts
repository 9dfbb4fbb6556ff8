import { testRedisUrl } from '@fruitables/bus/testing';
import { createTestDatabase, type TestDatabase } from '@fruitables/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BenchLogistics, startBenchLogistics } from '../servers/logistics-service.ts';
import { measurePromise, raceBookings } from './logistics-promise.ts';

// The benchmark's own steps at a small scale, against the real service process, so the lead's
// `./fruitables bench` run does not discover a broken benchmark.
let database: TestDatabase;
let logistics: BenchLogistics;
beforeAll(async () => {
  database = await createTestDatabase('bench-logistics');
  logistics = await startBenchLogistics({
    postgresAdminUrl: database.ownerUrl,
    redisUrl: testRedisUrl(),
    serverCpu: 0,
  });
}, 30_000);
afterAll(async () => {
  await logistics?.stop();
  await database?.drop();
});

describe('the logistics benchmark', () => {
  it('measures the promise and books exactly the places there are', async () => {
    const promise = await measurePromise(logistics.base, 50);
    expect(promise.p99Ms).toBeGreaterThan(0);
    const race = await raceBookings(logistics, 60, 5);
    expect({ booked: race.booked, full: race.full }).toEqual({ booked: 5, full: 55 });
  }, 60_000);
});
