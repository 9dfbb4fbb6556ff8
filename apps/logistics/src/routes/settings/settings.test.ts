import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { farmSettingsView } from '../../contract/farm-settings.ts';
import { promiseSchema } from '../../contract/promise.ts';
import { call, createHarness, type LogisticsHarness } from '../../testing/harness.ts';

let h: LogisticsHarness;
beforeAll(async () => {
  h = await createHarness('logistics-settings');
});
afterAll(async () => {
  await h.close();
});

describe('a farm’s shipping settings', () => {
  it('reads the defaults, saves its own, and the promise follows them', async () => {
    const farmId = crypto.randomUUID();
    const token = await h.signer.farmer([farmId]);
    const path = `/v1/farms/${farmId}/settings`;
    const before = (await call(h, 'GET', path, { token })).parse(farmSettingsView);
    expect(before).toEqual({
      farmId,
      dispatchWeekdays: [1, 2, 3, 4, 5],
      cutoff: '14:00',
      dailyCapacity: 100,
      baseFee: 3_000,
      freeFrom: 30_000,
      customised: false,
    });
    const saved = await call(h, 'PUT', path, {
      token,
      body: { dispatchWeekdays: [4, 2], cutoff: '11:30', dailyCapacity: 40, baseFee: 3_500, freeFrom: null },
    });
    expect(saved.status).toBe(200);
    expect(saved.parse(farmSettingsView)).toMatchObject({
      dispatchWeekdays: [2, 4],
      cutoff: '11:30',
      customised: true,
    });
    expect((await call(h, 'GET', path, { token })).parse(farmSettingsView).dailyCapacity).toBe(40);
    // Tuesday 10:00, cut-off 11:30 on Tuesdays and Thursdays.
    const promise = (await call(h, 'POST', '/v1/promise', { body: { farms: [{ farmId, boxes: 1 }] } })).parse(
      promiseSchema,
    );
    expect(promise.farms[0]).toMatchObject({
      headline: '오전 11시 30분까지 주문하면 내일 새벽 7시 전 도착',
      fee: { baseFee: 3_500, freeFrom: null, surcharge: 0 },
    });
    expect(promise.farms[0]?.dates.map((option) => option.dispatchDate).slice(0, 3)).toEqual([
      '2026-12-08',
      '2026-12-10',
      '2026-12-15',
    ]);
  });

  it('refuses a cut-off after 23:00 and a repeated weekday, naming the field in Korean', async () => {
    const farmId = crypto.randomUUID();
    const token = await h.signer.farmer([farmId]);
    const response = await call(h, 'PUT', `/v1/farms/${farmId}/settings`, {
      token,
      body: { dispatchWeekdays: [1, 1], cutoff: '23:30', dailyCapacity: 10, baseFee: 0, freeFrom: null },
    });
    expect(response.status).toBe(400);
    const fields = JSON.stringify(response.json);
    expect(fields).toContain('cutoff');
    expect(fields).toContain('마감 시각');
    expect(fields).toContain('같은 요일');
  });

  it('answers another farm’s settings with 404', async () => {
    const token = await h.signer.farmer([crypto.randomUUID()]);
    const response = await call(h, 'GET', `/v1/farms/${crypto.randomUUID()}/settings`, { token });
    expect(response.status).toBe(404);
  });
});
