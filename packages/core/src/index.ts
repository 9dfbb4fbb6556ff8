export { isUuidV7, newId, uuidV7Timestamp } from './ids.ts';
export { formatKrw, type Krw, krw, parseKrw } from './money.ts';
export { sameSitePath } from './same-site-path.ts';
export { type Clock, formatSeoulDateTime, SEOUL_TIME_ZONE, seoulDayStart, systemClock, toSeoulDate } from './time.ts';
