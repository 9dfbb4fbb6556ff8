import { describe, expect, it } from 'vitest';
import { type AreaRule, areaOfPostcode } from '../areas/area-of-postcode.ts';
import { type ClosureRule, createDeliveryCalendar } from '../calendar/delivery-calendar.ts';
import type { FarmRules } from './farm-rules.ts';
import { type CapacityView, type PlanInput, planFarmPromise } from './plan-farm-promise.ts';

const FARM = '0196f0c2-7b3a-7c1e-8f00-000000000003';
const surcharges = { jeju: 3_000, remote: 5_000 };
const area = (postcode: string): AreaRule => {
  const found = areaOfPostcode(postcode, surcharges);
  if (!found.served) throw new Error(found.reason);
  return found;
};
const DAWN = area('06236');
const PARCEL = area('48058'); // 부산
const JEJU = area('63100');
const ULLEUNG = area('40220');

const weekdays: FarmRules = {
  farmId: FARM,
  dispatchWeekdays: [1, 2, 3, 4, 5],
  cutoffMinutes: 14 * 60,
  dailyCapacity: 100,
  baseFee: 3_000,
  freeFrom: 30_000,
};

const empty: CapacityView = { farmBooked: () => 0, hubBooked: () => 0, hubCapacity: () => 2_000 };

/** An instant given as Seoul wall-clock time. */
const seoul = (dateTime: string) => new Date(`${dateTime}:00+09:00`);

function plan(now: Date, overrides: Partial<PlanInput> = {}) {
  return planFarmPromise({
    now,
    area: DAWN,
    farm: weekdays,
    boxes: 1,
    calendar: createDeliveryCalendar([]),
    capacity: empty,
    choices: 7,
    horizonDays: 21,
    ...overrides,
  });
}

const dates = (result: ReturnType<typeof plan>) =>
  result.dates.map((option) => `${option.dispatchDate}→${option.date}`);

describe('the cut-off', () => {
  it('a minute before the cut-off still makes today’s pick-up and tomorrow’s dawn run', () => {
    const result = plan(seoul('2026-12-08T13:59'));
    expect(result.earliest).toMatchObject({
      date: '2026-12-09',
      dispatchDate: '2026-12-08',
      label: '12월 9일 (수) 새벽 7시 전',
    });
    expect(result.orderBy?.toISOString()).toBe('2026-12-08T05:00:00.000Z');
    expect(result.headline).toBe('오후 2시까지 주문하면 내일 새벽 7시 전 도착');
  });

  it('at the cut-off minute and after it, the next pick-up day', () => {
    for (const time of ['2026-12-08T14:00', '2026-12-08T14:01']) {
      const result = plan(seoul(time));
      expect(result.earliest).toMatchObject({ date: '2026-12-10', dispatchDate: '2026-12-09' });
      expect(result.headline).toBe('내일 오후 2시까지 주문하면 목요일 새벽 7시 전 도착');
    }
  });

  it('a farm with a 23:00 cut-off gives the "밤 11시" headline', () => {
    const result = plan(seoul('2026-12-08T22:59'), { farm: { ...weekdays, cutoffMinutes: 23 * 60 } });
    expect(result.headline).toBe('밤 11시까지 주문하면 내일 새벽 7시 전 도착');
    expect(plan(seoul('2026-12-08T23:00'), { farm: { ...weekdays, cutoffMinutes: 23 * 60 } }).earliest?.date).toBe(
      '2026-12-10',
    );
  });

  it('a cut-off with minutes is said with them', () => {
    const result = plan(seoul('2026-12-08T09:00'), { farm: { ...weekdays, cutoffMinutes: 13 * 60 + 30 } });
    expect(result.headline).toBe('오후 1시 30분까지 주문하면 내일 새벽 7시 전 도착');
  });
});

describe('weekends', () => {
  it('after Friday’s cut-off a weekday farm next ships on Monday: Tuesday dawn', () => {
    const result = plan(seoul('2026-12-11T15:00'));
    expect(result.earliest).toMatchObject({ dispatchDate: '2026-12-14', date: '2026-12-15' });
    expect(result.headline).toBe('월요일 오후 2시까지 주문하면 화요일 새벽 7시 전 도착');
  });

  it('Friday’s pick-up arrives Saturday dawn; no courier picks up on Sunday, so no Monday dawn', () => {
    const result = plan(seoul('2026-12-11T09:00'), { farm: { ...weekdays, dispatchWeekdays: [0, 1, 2, 3, 4, 5, 6] } });
    expect(dates(result).slice(0, 3)).toEqual([
      '2026-12-11→2026-12-12',
      '2026-12-12→2026-12-13',
      '2026-12-14→2026-12-15',
    ]);
  });

  it('a parcel picked up on Saturday arrives Monday (no Sunday delivery)', () => {
    const result = plan(seoul('2026-12-12T09:00'), { area: PARCEL, farm: { ...weekdays, dispatchWeekdays: [6] } });
    expect(result.earliest).toMatchObject({
      dispatchDate: '2026-12-12',
      date: '2026-12-14',
      label: '12월 14일 (월) 도착',
    });
    expect(result.earliest?.promisedBy.toISOString()).toBe('2026-12-14T15:00:00.000Z');
  });
});

describe('holidays', () => {
  it('no pick-up on 성탄절 and no dawn run into it', () => {
    const result = plan(seoul('2026-12-23T15:00'));
    // 24 Dec → 25 Dec is refused (a holiday morning), 25 Dec is no pick-up day, 26–27 a weekend.
    expect(result.earliest).toMatchObject({ dispatchDate: '2026-12-28', date: '2026-12-29' });
  });

  it('설날 week 2026: nothing from 13 Feb (Fri) evening until the 19th', () => {
    const result = plan(seoul('2026-02-12T15:00'));
    expect(dates(result).slice(0, 3)).toEqual([
      '2026-02-13→2026-02-14',
      '2026-02-19→2026-02-20',
      '2026-02-20→2026-02-21',
    ]);
  });

  it('the parcel courier skips the 설날 holidays in transit', () => {
    const result = plan(seoul('2026-02-13T09:00'), { area: PARCEL });
    // Picked up Friday the 13th: Saturday the 14th is a delivery day.
    expect(result.earliest).toMatchObject({ dispatchDate: '2026-02-13', date: '2026-02-14' });
    const next = result.dates[1];
    // Next pick-up Thursday the 19th; Monday to Wednesday are 설날.
    expect(next).toMatchObject({ dispatchDate: '2026-02-19', date: '2026-02-20' });
  });

  it('substitute holidays: 2026-03-02 (삼일절 on a Sunday) is no pick-up day', () => {
    const result = plan(seoul('2026-02-27T15:00'));
    expect(result.earliest).toMatchObject({ dispatchDate: '2026-03-03', date: '2026-03-04' });
  });

  it('substitute holidays: 2027-02-08 after a 설날 that fell on a weekend', () => {
    const result = plan(seoul('2027-02-04T15:00'));
    // 5–7 Feb 설날, 8 Feb 대체공휴일: the next pick-up is Tuesday the 9th.
    expect(result.earliest).toMatchObject({ dispatchDate: '2027-02-09', date: '2027-02-10' });
  });

  it('추석 2028 with 개천절 and its substitute on the 5th', () => {
    const result = plan(seoul('2028-09-29T15:00'));
    expect(result.earliest).toMatchObject({ dispatchDate: '2028-10-06', date: '2028-10-07' });
  });

  it('택배 없는 날 (2026-08-14) has no pick-up', () => {
    const result = plan(seoul('2026-08-13T15:00'), { area: PARCEL });
    // 14 Aug 택배 없는 날, 15 Aug 광복절 (Sat), 16 Sun, 17 대체공휴일: Tuesday the 18th.
    expect(result.earliest).toMatchObject({ dispatchDate: '2026-08-18', date: '2026-08-19' });
  });
});

describe('areas', () => {
  it('제주 takes two courier days and carries its surcharge', () => {
    const result = plan(seoul('2026-12-08T09:00'), { area: JEJU });
    expect(result.area).toBe('jeju');
    expect(result.earliest).toMatchObject({
      dispatchDate: '2026-12-08',
      date: '2026-12-10',
      label: '12월 10일 (목) 도착',
    });
    expect(result.fee).toEqual({ baseFee: 3_000, freeFrom: 30_000, surcharge: 3_000 });
  });

  it('울릉 takes three courier days', () => {
    const result = plan(seoul('2026-12-10T09:00'), { area: ULLEUNG });
    expect(result.area).toBe('remote');
    // Thursday pick-up: Fri, Sat, (Sun skipped) Mon.
    expect(result.earliest).toMatchObject({ dispatchDate: '2026-12-10', date: '2026-12-14' });
    expect(result.fee.surcharge).toBe(5_000);
  });
});

describe('closures and capacity', () => {
  it('an admin’s closure of pick-ups (a typhoon) skips those days', () => {
    const closures: ClosureRule[] = [{ startsOn: '2026-12-08', endsOn: '2026-12-09', scope: 'dispatch', farmId: null }];
    const result = plan(seoul('2026-12-08T09:00'), { calendar: createDeliveryCalendar(closures) });
    expect(result.earliest).toMatchObject({ dispatchDate: '2026-12-10' });
  });

  it('a closure of another farm changes nothing here', () => {
    const closures: ClosureRule[] = [
      { startsOn: '2026-12-08', endsOn: '2026-12-09', scope: 'all', farmId: '0196f0c2-7b3a-7c1e-8f00-00000000ffff' },
    ];
    const result = plan(seoul('2026-12-08T09:00'), { calendar: createDeliveryCalendar(closures) });
    expect(result.earliest).toMatchObject({ dispatchDate: '2026-12-08' });
  });

  it('a full packing day is offered but not available; the earliest moves on', () => {
    const capacity: CapacityView = { ...empty, farmBooked: (_, date) => (date === '2026-12-08' ? 100 : 0) };
    const result = plan(seoul('2026-12-08T09:00'), { capacity });
    expect(result.dates[0]).toMatchObject({ date: '2026-12-09', available: false });
    expect(result.earliest).toMatchObject({ date: '2026-12-10', available: true });
  });

  it('a full dawn run on the hub makes the date unavailable too; exactly fitting boxes still fit', () => {
    const capacity: CapacityView = { ...empty, hubBooked: () => 1_998 };
    expect(plan(seoul('2026-12-08T09:00'), { capacity, boxes: 2 }).earliest?.date).toBe('2026-12-09');
    expect(plan(seoul('2026-12-08T09:00'), { capacity, boxes: 3 }).deliverable).toBe(false);
  });

  it('offers seven dates', () => {
    const result = plan(seoul('2026-12-08T09:00'));
    expect(result.dates).toHaveLength(7);
    expect(result.dates.every((option) => option.available)).toBe(true);
  });

  it('a farm that never ships says so', () => {
    const result = plan(seoul('2026-12-08T09:00'), { farm: { ...weekdays, dispatchWeekdays: [] } });
    expect(result).toMatchObject({ deliverable: false, earliest: null, orderBy: null, dates: [] });
    expect(result.reason).toContain('보낼 수 있는 날이 없어요');
  });
});
