// The dates a case runs on, from the periods of the Norwegian rulebook
// (domain/rulebook/norwegian.json) and the settings in rules.json. Every deadline ends at
// midnight, Norwegian time, of its last day.
import { readFileSync } from 'node:fs';
import { dayFor, deadlineFor, valueIn } from './rulebook/rulebooks.ts';
import { addWorkingDays, endOfOsloDay, osloDay, type IsoDate } from './working-days.ts';

const settings = JSON.parse(readFileSync(new URL('./rules.json', import.meta.url), 'utf8')) as {
  rekExemptionForRegisterStudiesFrom: IsoDate | null;
};

// The Norwegian rulebook's periods under the names the case, permit and order code counts in.
export const rules = {
  statutoryWorkingDays: valueIn('norwegian', 'decision', 'working-days'),
  statutoryWorkingDaysLinked: valueIn('norwegian', 'decision-linked', 'working-days'),
  statutoryWarningWorkingDaysBefore: valueIn('norwegian', 'decision-warning', 'working-days'),
  supplementWorkingDays: valueIn('norwegian', 'supplement', 'working-days'),
  reminderWorkingDays: valueIn('norwegian', 'supplement-reminder', 'working-days'),
  deliveryWorkingDays: valueIn('norwegian', 'custodian-delivery', 'working-days'),
  permitReminderCalendarDaysBeforeEnd: valueIn('norwegian', 'permit-expiry-reminder', 'calendar-days'),
  permitDeletionConfirmationWorkingDays: valueIn('norwegian', 'permit-deletion-confirmation', 'working-days'),
  invoiceDueCalendarDays: valueIn('norwegian', 'invoice-due', 'calendar-days'),
  rekExemptionForRegisterStudiesFrom: settings.rekExemptionForRegisterStudiesFrom,
};

export function workingDaysAfter(now: Date, workingDays: number): Date {
  return endOfOsloDay(addWorkingDays(osloDay(now), workingDays));
}

// The statutory time to decide under the Norwegian rules: longer when sources are linked
// (helseregisterloven § 19 f).
export const statutoryWorkingDays = (sourcesLinked: boolean) => (sourcesLinked ? rules.statutoryWorkingDaysLinked : rules.statutoryWorkingDays);

export function appealDeadline(decisionDay: IsoDate): IsoDate {
  return dayFor('norwegian', 'appeal', decisionDay);
}

// When a case not answered by then needs a preliminary answer (forvaltningsloven § 11 a): the
// same day of the month after receipt, in Norway, or that month's last day.
export function preliminaryAnswerAt(receivedAt: Date): Date {
  return deadlineFor('norwegian', 'preliminary-answer', receivedAt);
}

// When a decision must be published at the latest: the end of the working day the rule
// decision-publication gives after the day it was made.
export const publicationDueAt = (decidedAt: Date) => deadlineFor('norwegian', 'decision-publication', decidedAt);
