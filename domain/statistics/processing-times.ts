// The public processing-time page's figures, per register: what a new application received
// today can expect (the forecast's median and 80% interval, in calendar days) beside how long
// the cases of the last twelve months took (median days from receipt to decision and to data
// delivered).
import type { DateRange } from '../forecast/forecast.ts';
import { daysAfter, type DayRange } from '../forecast/new-application.ts';
import { registerName, registers } from '../registers.ts';
import type { IsoDate } from '../working-days.ts';
import type { ActivityReport, Days } from './activity.ts';

export type RegisterForecast = { registerId: string; decision: DateRange | null; delivery: DateRange | null };

export type ProcessingTime = {
  registerId: string;
  name: string;
  // Null when the forecast reaches no decision (delivery) within its horizon.
  expected: { toDecision: DayRange | null; toDelivery: DayRange | null };
  lastTwelveMonths: { toDecision: Days; toDelivery: Days };
};

const none: Days = { cases: 0, medianDays: null, meanDays: null };
const catalogueOrder = (id: string) => {
  const index = registers.findIndex((r) => r.id === id);
  return index === -1 ? registers.length : index;
};

// forecasts: made on forecastDay; lastYear: the activity report of the twelve months to today.
export function processingTimes(forecasts: readonly RegisterForecast[], forecastDay: IsoDate, lastYear: ActivityReport) {
  const history = new Map(lastYear.registers.map((r) => [r.registerId, r]));
  const perRegister: ProcessingTime[] = [...forecasts]
    .sort((a, b) => catalogueOrder(a.registerId) - catalogueOrder(b.registerId))
    .map((f) => ({
      registerId: f.registerId,
      name: registerName(f.registerId),
      expected: { toDecision: daysAfter(forecastDay, f.decision), toDelivery: daysAfter(forecastDay, f.delivery) },
      lastTwelveMonths: { toDecision: history.get(f.registerId)?.toDecision ?? none, toDelivery: history.get(f.registerId)?.toDelivery ?? none },
    }));
  return {
    lastTwelveMonths: { period: lastYear.period, toDecision: lastYear.total.toDecision, toDelivery: lastYear.total.toDelivery },
    registers: perRegister,
  };
}
