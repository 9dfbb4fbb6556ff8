import type { ClosureScope } from '@fruitables/schema-logistics';
import { courierRestDays, koreanHolidays } from './korean-holidays.ts';
import { weekdayOf } from './seoul-days.ts';

/** An admin's closure as the calendar reads it. */
export interface ClosureRule {
  startsOn: string;
  endsOn: string;
  scope: ClosureScope;
  /** Only this farm's pick-ups; null: the whole platform. */
  farmId: string | null;
}

/**
 * Which days boxes move: the couriers pick up and deliver Monday to Saturday except public
 * holidays and their rest days; the hub's dawn run arrives any morning that is not a public
 * holiday; an admin's closures stop either. Built per promise from the closures in its window.
 */
export interface DeliveryCalendar {
  /** A courier picks up at this farm on this day (weekday, holidays, closures; not the farm's own weekdays). */
  isPickupDay(date: string, farmId: string): boolean;
  /** The courier delivers parcels on this day. */
  isParcelDeliveryDay(date: string): boolean;
  /** The hub's dawn run arrives on this morning. */
  isDawnArrivalDay(date: string): boolean;
}

const closes = (closure: ClosureRule, date: string, scope: 'dispatch' | 'delivery') =>
  closure.startsOn <= date && date <= closure.endsOn && (closure.scope === 'all' || closure.scope === scope);

export function createDeliveryCalendar(closures: readonly ClosureRule[]): DeliveryCalendar {
  const courierWorks = (date: string) =>
    weekdayOf(date) !== 0 && !koreanHolidays.has(date) && !courierRestDays.has(date);
  const deliveryClosed = (date: string) =>
    closures.some((closure) => closure.farmId === null && closes(closure, date, 'delivery'));
  return {
    isPickupDay: (date, farmId) =>
      courierWorks(date) &&
      !closures.some(
        (closure) => (closure.farmId === null || closure.farmId === farmId) && closes(closure, date, 'dispatch'),
      ),
    isParcelDeliveryDay: (date) => courierWorks(date) && !deliveryClosed(date),
    isDawnArrivalDay: (date) => !koreanHolidays.has(date) && !deliveryClosed(date),
  };
}
