import type { DeliveryArea } from '@fruitables/schema-logistics';
import type { AreaRule } from '../areas/area-of-postcode.ts';
import type { DeliveryCalendar } from '../calendar/delivery-calendar.ts';
import { addDays, seoulDateOf, seoulInstant, seoulMinutesOf, weekdayOf } from '../calendar/seoul-days.ts';
import type { FarmRules } from './farm-rules.ts';
import { headline, optionLabel } from './labels.ts';

/** How much room is left, read once per promise (see load-promise-inputs.ts). */
export interface CapacityView {
  /** Boxes already booked at the farm on a dispatch date. */
  farmBooked(farmId: string, dispatchDate: string): number;
  /** Boxes already on the hub's dawn run of an arrival date. */
  hubBooked(deliveryDate: string): number;
  hubCapacity(deliveryDate: string): number;
}

export interface DateOption {
  date: string;
  dispatchDate: string;
  available: boolean;
  label: string;
  /** Order strictly before this instant to get this date. */
  orderBy: Date;
  /** When the promise is kept by: 07:00 on the date for dawn, the end of the date for parcels. */
  promisedBy: Date;
}

export interface PlannedFarmPromise {
  farmId: string;
  area: DeliveryArea;
  deliverable: boolean;
  reason: string | null;
  orderBy: Date | null;
  earliest: DateOption | null;
  headline: string;
  dates: DateOption[];
  fee: { baseFee: number; freeFrom: number | null; surcharge: number };
}

export interface PlanInput {
  now: Date;
  area: AreaRule;
  farm: FarmRules;
  boxes: number;
  calendar: DeliveryCalendar;
  capacity: CapacityView;
  /** How many arrival dates to offer. */
  choices: number;
  /** How many days ahead to look for dispatch days. */
  horizonDays: number;
}

/** 23:00 Seoul: the hub takes boxes for the next morning's dawn run until then. */
export const HUB_CUTOFF_MINUTES = 23 * 60;
const DAWN_ARRIVAL_MINUTES = 7 * 60;

/** The arrival of boxes picked up on `dispatch`, or null when that pick-up cannot arrive. */
function arrivalOf(dispatch: string, area: AreaRule, calendar: DeliveryCalendar): string | null {
  if (area.area === 'dawn') {
    const next = addDays(dispatch, 1);
    return calendar.isDawnArrivalDay(next) ? next : null;
  }
  let date = dispatch;
  for (let left = area.transitDays, guard = 0; left > 0 && guard < 30; guard++) {
    date = addDays(date, 1);
    if (calendar.isParcelDeliveryDay(date)) left--;
  }
  return date;
}

function promisedByOf(date: string, dawn: boolean): Date {
  // A parcel's promise ends with its day: midnight at the start of the next Seoul day.
  return dawn ? seoulInstant(date, DAWN_ARRIVAL_MINUTES) : seoulInstant(addDays(date, 1), 0);
}

/**
 * One farm's promise for one area, as a pure function of the time, the farm's rules, the
 * calendar and the room left: each pick-up day the farm ships on (its weekdays, the couriers'
 * days, no holiday or closure) whose cut-off is still ahead gives an arrival date; the first
 * `choices` distinct arrival dates are offered, each available when the farm's packing and,
 * for dawn, the hub's run still have room for the boxes.
 */
export function planFarmPromise(input: PlanInput): PlannedFarmPromise {
  const { now, area, farm, boxes, calendar, capacity } = input;
  const dawn = area.area === 'dawn';
  const today = seoulDateOf(now);
  const fee = { baseFee: farm.baseFee, freeFrom: farm.freeFrom, surcharge: area.surcharge };
  const byArrival = new Map<string, DateOption>();
  for (let offset = 0; offset <= input.horizonDays && byArrival.size < input.choices; offset++) {
    const dispatch = addDays(today, offset);
    if (!farm.dispatchWeekdays.includes(weekdayOf(dispatch))) continue;
    if (!calendar.isPickupDay(dispatch, farm.farmId)) continue;
    const arrival = arrivalOf(dispatch, area, calendar);
    if (arrival === null) continue;
    // Dawn boxes must also reach the hub by 23:00 the evening before arrival; the farm's
    // cut-off (at most 23:00, a CHECK) is the same day or earlier, so it is never later.
    const cutoff = dawn ? Math.min(farm.cutoffMinutes, HUB_CUTOFF_MINUTES) : farm.cutoffMinutes;
    const orderBy = seoulInstant(dispatch, cutoff);
    if (now.getTime() >= orderBy.getTime()) continue;
    const available =
      capacity.farmBooked(farm.farmId, dispatch) + boxes <= farm.dailyCapacity &&
      (!dawn || capacity.hubBooked(arrival) + boxes <= capacity.hubCapacity(arrival));
    const option: DateOption = {
      date: arrival,
      dispatchDate: dispatch,
      available,
      label: optionLabel(arrival, dawn),
      orderBy,
      promisedBy: promisedByOf(arrival, dawn),
    };
    // Two pick-ups can land on one arrival (a parcel picked up on Saturday or before a
    // holiday): the later, fresher pick-up wins unless only the earlier still has room.
    const previous = byArrival.get(arrival);
    if (!previous || option.available || !previous.available) byArrival.set(arrival, option);
  }
  const dates = [...byArrival.values()];
  const earliest = dates.find((option) => option.available) ?? null;
  if (!earliest) {
    const reason =
      dates.length === 0
        ? '가까운 날짜에 이 농장에서 보낼 수 있는 날이 없어요.'
        : '가까운 배송일이 모두 마감되었어요. 다른 날을 골라 주세요.';
    return {
      farmId: farm.farmId,
      area: area.area,
      deliverable: false,
      reason,
      orderBy: null,
      earliest,
      headline: reason,
      dates,
      fee,
    };
  }
  return {
    farmId: farm.farmId,
    area: area.area,
    deliverable: true,
    reason: null,
    orderBy: earliest.orderBy,
    earliest,
    headline: headline(
      {
        orderByDate: seoulDateOf(earliest.orderBy),
        orderByMinutes: seoulMinutesOf(earliest.orderBy),
        arrival: earliest.date,
        dawn,
      },
      today,
    ),
    dates,
    fee,
  };
}
