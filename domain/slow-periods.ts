// The periods of the year when work slows (domain/slow-periods.json), so that the forecast
// can slow its queues in them.
import { readFileSync } from 'node:fs';
import type { IsoDate } from './working-days.ts';

type Period = { name: string; from: string; to: string };

export const slowPeriods: readonly Period[] = (JSON.parse(readFileSync(new URL('./slow-periods.json', import.meta.url), 'utf8')) as { periods: Period[] }).periods;

// The index of the slow period a day falls in, or -1.
export function slowPeriodOf(day: IsoDate): number {
  const monthDay = day.slice(5);
  return slowPeriods.findIndex((p) => (p.from <= p.to ? p.from <= monthDay && monthDay <= p.to : monthDay >= p.from || monthDay <= p.to));
}
