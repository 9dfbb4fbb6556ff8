import type { z } from '@hono/zod-openapi';
import { farmSettingsSchema, farmSettingsView } from '../../contract/farm-settings.ts';
import type { FarmSettingsView } from '../../domain/farm-settings.ts';

export { farmSettingsSchema, farmSettingsView };

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export const minutesOf = (cutoff: string): number => {
  const [hours, minutes] = cutoff.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

export const settingsResponse = (view: FarmSettingsView): z.infer<typeof farmSettingsView> => ({
  farmId: view.farmId,
  dispatchWeekdays: view.dispatchWeekdays,
  cutoff: hhmm(view.cutoffMinutes),
  dailyCapacity: view.dailyCapacity,
  baseFee: view.baseFee,
  freeFrom: view.freeFrom,
  customised: view.customised,
});
