// What an applicant sending a new application today can expect, per register: the forecast of
// one new application naming that register alone, received today and waiting for its
// completeness check behind every open case. The public processing-time page shows it in days.
import type { DateRange, OpenCase } from './forecast.ts';
import type { RulebookId } from '../rulebook/rulebooks.ts';
import { findCustodianOn, registers } from '../registers.ts';
import type { IsoDate } from '../working-days.ts';

export type NewApplication = { registerId: string; forecastCase: OpenCase };

// One new application for each register a custodian holds today, under the rulebook a new
// application gets today.
export function newApplications(today: IsoDate, rulebook: RulebookId): NewApplication[] {
  return registers.flatMap((register) => {
    const custodian = findCustodianOn(register.id, today);
    if (!custodian) return [];
    const forecastCase: OpenCase = {
      kind: { applicationType: 'new', sourceCount: 1, linked: false },
      rulebook,
      stage: 'completeness-check',
      enteredOn: today,
      receivedOn: today,
      statutoryDueOn: null,
      applicantLastDay: null,
      orders: [{ custodian, sentOn: null }],
    };
    return [{ registerId: register.id, forecastCase }];
  });
}

export type DayRange = { median: number; from: number; to: number };

const dayMs = 86_400_000;
const daysBetween = (from: IsoDate, to: IsoDate) => Math.round((Date.parse(to) - Date.parse(from)) / dayMs);

// A forecast's dates as calendar days after `day`; null stays null.
export function daysAfter(day: IsoDate, range: DateRange | null): DayRange | null {
  if (!range) return null;
  return { median: daysBetween(day, range.median), from: daysBetween(day, range.from), to: daysBetween(day, range.to) };
}
