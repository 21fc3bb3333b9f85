// The dates a case runs on, from the periods in rules.json. Every deadline ends at midnight,
// Norwegian time, of its last working day.
import { readFileSync } from 'node:fs';
import { addCalendarDays, addWorkingDays, endOfOsloDay, osloDay, type IsoDate } from './working-days.ts';

export const rules = JSON.parse(readFileSync(new URL('./rules.json', import.meta.url), 'utf8')) as {
  statutoryWorkingDays: number;
  statutoryWorkingDaysLinked: number;
  statutoryWarningWorkingDaysBefore: number;
  supplementWorkingDays: number;
  reminderWorkingDays: number;
  deliveryWorkingDays: number;
  appealCalendarDays: number;
  permitReminderCalendarDaysBeforeEnd: number;
  permitDeletionConfirmationWorkingDays: number;
  preliminaryAnswerMonths: number;
  invoiceDueCalendarDays: number;
  decisionPublicationWorkingDays: number;
  rekExemptionForRegisterStudiesFrom: IsoDate | null;
};

export function workingDaysAfter(now: Date, workingDays: number): Date {
  return endOfOsloDay(addWorkingDays(osloDay(now), workingDays));
}

// The statutory time to decide: longer when sources are linked (helseregisterloven § 19 f).
export const statutoryWorkingDays = (sourcesLinked: boolean) => (sourcesLinked ? rules.statutoryWorkingDaysLinked : rules.statutoryWorkingDays);

export function statutoryDeadline(now: Date, sourcesLinked: boolean) {
  const workingDays = statutoryWorkingDays(sourcesLinked);
  return {
    workingDays,
    startsOn: osloDay(now),
    warnAt: workingDaysAfter(now, workingDays - rules.statutoryWarningWorkingDaysBefore),
    dueAt: workingDaysAfter(now, workingDays),
  };
}

export function appealDeadline(decisionDay: IsoDate): IsoDate {
  return addCalendarDays(decisionDay, rules.appealCalendarDays);
}

// When a case not answered by then needs a preliminary answer (forvaltningsloven § 11 a): the
// same day of the month after receipt, in Norway, or that month's last day.
export function preliminaryAnswerAt(receivedAt: Date): Date {
  const [year, month, date] = osloDay(receivedAt).split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + rules.preliminaryAnswerMonths, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date, lastDay));
  return endOfOsloDay(target.toISOString().slice(0, 10));
}

// When a decision must be published at the latest: the end of the working day
// decisionPublicationWorkingDays after the day it was made.
export const publicationDueAt = (decidedAt: Date) => workingDaysAfter(decidedAt, rules.decisionPublicationWorkingDays);
