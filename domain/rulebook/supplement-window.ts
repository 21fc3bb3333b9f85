// How long an applicant has to complete an incomplete application under the case's rulebook,
// and whether a reminder follows. Norwegian rules: 10 working days, then a reminder with 5 more
// (ehelse.no). EHDS: 4 weeks in all (art. 67–68), with no reminder: a reminder with a new
// deadline would give more than the regulation's 4 weeks, and the request names the last day.
import { dayFor, deadlineFor, durationText, ruleOf, type Rule, type RulebookId } from './rulebooks.ts';
import { osloDay, type IsoDate } from '../working-days.ts';

export type SupplementWindow = { rule: Rule; reminder: Rule | null };

export function supplementWindow(rulebook: RulebookId): SupplementWindow {
  if (rulebook === 'ehds') return { rule: ruleOf('ehds', 'completion'), reminder: null };
  return { rule: ruleOf('norwegian', 'supplement'), reminder: ruleOf('norwegian', 'supplement-reminder') };
}

// The applicant's last moment to supply what is missing, asked at `requestedAt`.
export function supplementDueAt(rulebook: RulebookId, requestedAt: Date): Date {
  return rulebook === 'ehds' ? deadlineFor('ehds', 'completion', requestedAt) : deadlineFor('norwegian', 'supplement', requestedAt);
}

// The applicant's last day while a supplement is awaited (`dueAt`: the request's deadline): the
// reminder's deadline once reminded; before that, under the Norwegian rules the request's
// deadline and the reminder's period after it, under EHDS the request's deadline (no reminder).
export function applicantLastDay(rulebook: RulebookId, dueAt: Date, reminderDueAt: Date | null): IsoDate {
  if (reminderDueAt) return osloDay(reminderDueAt);
  return supplementWindow(rulebook).reminder ? dayFor('norwegian', 'supplement-reminder', osloDay(dueAt)) : osloDay(dueAt);
}

// The facts the letters name the window by: its period, the reminder's period when one follows,
// and the rule the window comes from.
export function supplementWindowFacts(rulebook: RulebookId) {
  const { rule, reminder } = supplementWindow(rulebook);
  return { supplementPeriod: durationText(rule), supplementArticle: rule.article, reminderPeriod: reminder ? durationText(reminder) : null };
}
