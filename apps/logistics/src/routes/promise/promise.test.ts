import { farmSettings } from '@fruitables/schema-logistics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promiseSchema } from '../../contract/promise.ts';
import { call, createHarness, type LogisticsHarness } from '../../testing/harness.ts';

let h: LogisticsHarness;
beforeAll(async () => {
  // The harness clock: Tuesday 2026-12-08, 10:00 Seoul.
  h = await createHarness('logistics-promise');
});
afterAll(async () => {
  await h.close();
});

const promise = (body: unknown) => call(h, 'POST', '/v1/promise', { body });

describe('POST /v1/promise', () => {
  it('answers a farm with no settings by the platform’s defaults, for the dawn area when no postcode is given', async () => {
    const farmId = crypto.randomUUID();
    const response = await promise({ farms: [{ farmId, boxes: 2 }] });
    expect(response.status).toBe(200);
    const body = response.parse(promiseSchema);
    expect(body).toMatchObject({ postcode: null, area: 'dawn' });
    expect(body.farms[0]).toMatchObject({
      farmId,
      deliverable: true,
      orderBy: '2026-12-08T05:00:00.000Z',
      earliest: { date: '2026-12-09', dispatchDate: '2026-12-08', available: true, label: '12월 9일 (수) 새벽 7시 전' },
      headline: '오후 2시까지 주문하면 내일 새벽 7시 전 도착',
      fee: { baseFee: 3_000, freeFrom: 30_000, surcharge: 0 },
    });
    expect(body.farms[0]?.dates).toHaveLength(7);
  });

  it('uses each farm’s own settings', async () => {
    const farmId = crypto.randomUUID();
    await h.db.insert(farmSettings).values({
      farmId,
      dispatchWeekdays: [3],
      cutoffMinutes: 9 * 60,
      dailyCapacity: 10,
      baseFee: 4_000,
      freeFrom: null,
    });
    const body = (await promise({ postcode: '63100', farms: [{ farmId, boxes: 1 }] })).parse(promiseSchema);
    expect(body.area).toBe('jeju');
    expect(body.farms[0]).toMatchObject({
      earliest: { dispatchDate: '2026-12-09', date: '2026-12-11', label: '12월 11일 (금) 도착' },
      headline: '내일 오전 9시까지 주문하면 금요일 도착',
      fee: { baseFee: 4_000, freeFrom: null, surcharge: 3_000 },
    });
  });

  it('says why an unserved postcode cannot be reached, for every farm', async () => {
    const body = (await promise({ postcode: '99999', farms: [{ farmId: crypto.randomUUID(), boxes: 1 }] })).parse(
      promiseSchema,
    );
    expect(body.farms[0]).toMatchObject({ deliverable: false, earliest: null, dates: [] });
    expect(body.farms[0]?.reason).toContain('배송할 수 없는 우편번호');
  });

  it('refuses a malformed postcode naming the field', async () => {
    const response = await promise({ postcode: '1234', farms: [{ farmId: crypto.randomUUID(), boxes: 1 }] });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.json)).toContain('postcode');
  });
});
