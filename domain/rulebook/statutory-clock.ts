// The statutory decision clock under the case's rulebook: which rule sets it and the dates it
// gives, counted from the day the application is complete.
import { osloDay, type IsoDate } from '../working-days.ts';
import { dayFor, deadlineFor, ruleOf, valueIn, type Rule, type RuleId, type RulebookId } from './rulebooks.ts';

// Norwegian rules: 30 working days, 60 when sources are linked (helseregisterloven § 19 f).
// EHDS: 3 months (art. 68 nr. 4). The 2 months for public bodies with a public-health mandate
// (art. 68 nr. 6) need the application to say that the applicant is one, which it cannot yet.
export function decisionRule(rulebook: RulebookId, sourcesLinked: boolean): Rule {
  if (rulebook === 'ehds') return ruleOf('ehds', 'decision');
  return ruleOf('norwegian', sourcesLinked ? 'decision-linked' : 'decision');
}

export function statutoryClock(rulebook: RulebookId, sourcesLinked: boolean, completeAt: Date) {
  const rule = decisionRule(rulebook, sourcesLinked);
  const dueAt = deadlineFor(rulebook, rule.id as RuleId<RulebookId>, completeAt);
  return {
    rule,
    startsOn: osloDay(completeAt),
    dueAt,
    // The caseworkers' warning before the deadline, by the rulebook's own row.
    warnAt: deadlineFor(rulebook, 'decision-warning', dueAt),
  };
}

// The last day of the decision clock of an application complete on `from` (for the forecast,
// which counts in days).
export function statutoryDueDay(rulebook: RulebookId, sourcesLinked: boolean, from: IsoDate): IsoDate {
  return dayFor(rulebook, decisionRule(rulebook, sourcesLinked).id as RuleId<RulebookId>, from);
}

// How many working days before the deadline a case is at risk (Tasklist's "Frist i fare").
export const warningWorkingDays = (rulebook: RulebookId) => valueIn(rulebook, 'decision-warning', 'working-days');

// At most how many working days the decision clock can run under any rulebook (the months of a
// clock never hold more than 23 working days each), so the forecast knows how far ahead a
// deadline can fall.
const workingDaysPerUnit = { 'working-days': 1, 'calendar-days': 1, weeks: 5, months: 23, years: 261 } as const;
export function longestClockWorkingDays(): number {
  const clocks = [decisionRule('norwegian', true), decisionRule('norwegian', false), decisionRule('ehds', false)];
  return Math.max(...clocks.map((rule) => rule.value * workingDaysPerUnit[rule.unit]));
}
