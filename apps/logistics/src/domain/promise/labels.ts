import { daysBetween, weekdayOf } from '../calendar/seoul-days.ts';

/** Korean day and time phrases of the promise: "12월 10일 (목)", "밤 11시", "내일". */

const WEEKDAYS = ['일', '월', '화', '수', '목', '금', '토'] as const;

const weekday = (date: string): string => WEEKDAYS[weekdayOf(date)] ?? '';

/** "12월 10일 (목)" */
export function dayLabel(date: string): string {
  const [, month, day] = date.split('-');
  return `${Number(month)}월 ${Number(day)}일 (${weekday(date)})`;
}

/** "밤 11시", "오후 2시 30분", "낮 12시", "새벽 5시" for minutes past Seoul midnight. */
export function timeLabel(minutes: number): string {
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  const [period, shown] =
    hour < 6
      ? ['새벽', hour === 0 ? 12 : hour]
      : hour < 12
        ? ['오전', hour]
        : hour === 12
          ? ['낮', 12]
          : hour < 18
            ? ['오후', hour - 12]
            : hour < 21
              ? ['저녁', hour - 12]
              : ['밤', hour - 12];
  return `${period} ${shown}시${minute === 0 ? '' : ` ${minute}분`}`;
}

/** "오늘", "내일", "목요일" within the week, else "12월 10일 (목)". */
export function relativeDay(date: string, today: string): string {
  const days = daysBetween(today, date);
  if (days === 0) return '오늘';
  if (days === 1) return '내일';
  if (days > 0 && days < 7) return `${weekday(date)}요일`;
  return dayLabel(date);
}

/** The option's label: "12월 10일 (목) 새벽 7시 전" for dawn, "12월 10일 (목) 도착" for a parcel. */
export function optionLabel(date: string, dawn: boolean): string {
  return dawn ? `${dayLabel(date)} 새벽 7시 전` : `${dayLabel(date)} 도착`;
}

/** "밤 11시까지 주문하면 내일 새벽 7시 전 도착"; the order-by day is named unless it is today. */
export function headline(
  input: { orderByDate: string; orderByMinutes: number; arrival: string; dawn: boolean },
  today: string,
): string {
  const orderDay = input.orderByDate === today ? '' : `${relativeDay(input.orderByDate, today)} `;
  const arrivalDay = relativeDay(input.arrival, today);
  const arrival = input.dawn ? `${arrivalDay} 새벽 7시 전 도착` : `${arrivalDay} 도착`;
  return `${orderDay}${timeLabel(input.orderByMinutes)}까지 주문하면 ${arrival}`;
}
