// The statutory decision clock under the case's rulebook: which rule sets it and the dates it
// gives, counted from the day the application is complete, and the one extension EHDS allows.
import { addCalendarMonths, endOfOsloDay, norwegianDate, osloDay, type IsoDate } from '../working-days.ts';
import { dayFor, deadlineFor, durationText, ruleOf, valueIn, type Rule, type RuleId, type RulebookId } from './rulebooks.ts';

// What the clock reads from the application: linked sources lengthen the Norwegian period; a
// public body with a public-health mandate shortens the EHDS one; a request for anonymised
// statistics has its own EHDS period.
export type ClockFacts = { sourcesLinked: boolean; publicHealthMandate: boolean; statisticsRequest?: boolean };

// Norwegian rules: 30 working days, 60 when sources are linked (helseregisterloven § 19 f); a
// public-health mandate changes nothing. EHDS: 3 months (art. 68 nr. 4), or 2 months for a
// public body with a public-health mandate (art. 68 nr. 6); linkage changes nothing. A request
// for anonymised statistics: EHDS 3 months to assess it (art. 69 nr. 4, no public-health
// variant); the Norwegian rules have no period of their own for it (§ 19 f as for others).
export function decisionRule(rulebook: RulebookId, { sourcesLinked, publicHealthMandate, statisticsRequest }: ClockFacts): Rule {
  if (rulebook === 'ehds' && statisticsRequest) return ruleOf('ehds', 'statistics-assessment');
  if (rulebook === 'ehds') return ruleOf('ehds', publicHealthMandate ? 'decision-public-health' : 'decision');
  return ruleOf('norwegian', sourcesLinked ? 'decision-linked' : 'decision');
}

// Why the rule that sets the clock applies, as the forms and letters add it after the period.
export function decisionRuleReason(rule: Rule): string {
  if (rule.id === 'decision-linked') return 'fordi kildene skal kobles';
  if (rule.id === 'decision-public-health') return 'fordi søkeren er et offentlig organ med mandat innen folkehelse';
  return '';
}

// The caseworkers' warning before a deadline, by the rulebook's own row.
const warningBefore = (rulebook: RulebookId, dueAt: Date) => deadlineFor(rulebook, 'decision-warning', dueAt);

export function statutoryClock(rulebook: RulebookId, facts: ClockFacts, completeAt: Date) {
  const rule = decisionRule(rulebook, facts);
  const dueAt = deadlineFor(rulebook, rule.id as RuleId<RulebookId>, completeAt);
  return { rule, startsOn: osloDay(completeAt), dueAt, warnAt: warningBefore(rulebook, dueAt) };
}

// The rule that limits the one extension of a decision deadline (EHDS art. 68 nr. 4: up to 3
// months; art. 68 nr. 6: 1 month for a public-health body), by the rule the deadline was set
// with; none under the Norwegian rules, and none for a request for statistics (art. 69 nr. 4
// allows none).
export function extensionRule(rulebook: RulebookId, deadlineRule: string): Rule | null {
  if (rulebook !== 'ehds' || deadlineRule === 'statistics-assessment') return null;
  return ruleOf('ehds', deadlineRule === 'decision-public-health' ? 'decision-public-health-extension' : 'decision-extension');
}

// What the caseworker's form says about extending, or '' when the case cannot be extended.
export function extensionOfferText(rulebook: RulebookId, deadlineRule: string): string {
  const rule = extensionRule(rulebook, deadlineRule);
  if (!rule) return '';
  return `Fristen for vedtak kan forlenges én gang, med inntil ${durationText(rule)}, når saken krever det (${rule.article}). Søkeren får brev med den nye fristen og begrunnelsen.`;
}

export type ExtensionRequest = { months: unknown; reasons: unknown };
export type ExtensionState = { rulebook: RulebookId; deadlineRule: string; dueAt: Date; alreadyExtended: boolean; now: Date };

// Why an extension cannot be recorded, in the caseworker's words, or null when it can: only
// under EHDS, once, before the deadline has passed, with reasons, by whole months within the rule.
export function extensionProblem(request: ExtensionRequest, state: ExtensionState): string | null {
  const rule = extensionRule(state.rulebook, state.deadlineRule);
  if (!rule) return 'Fristen kan bare forlenges i saker etter EHDS-forordningen. Saken følger norske regler, som ikke gir adgang til å forlenge den lovfestede fristen.';
  if (state.alreadyExtended) return `Fristen er allerede forlenget én gang, og kan ikke forlenges igjen (${rule.article}).`;
  if (state.now.getTime() > state.dueAt.getTime()) return `Fristen gikk ut ${norwegianDate(osloDay(state.dueAt))}. En frist som er ute, kan ikke forlenges.`;
  if (typeof request.reasons !== 'string' || request.reasons.trim() === '') return 'Skriv begrunnelsen for forlengelsen. Søkeren skal få vite hvorfor fristen forlenges.';
  const months = Number(request.months);
  if (!Number.isInteger(months) || months < 1 || months > rule.value) return `Forlengelsen må være et helt antall måneder fra 1 til ${rule.value} (${rule.article}).`;
  return null;
}

// The deadline after an extension by whole months, and the warning before it.
export function extendedClock(rulebook: RulebookId, dueAt: Date, months: number) {
  const newDueAt = endOfOsloDay(addCalendarMonths(osloDay(dueAt), months));
  return { dueAt: newDueAt, warnAt: warningBefore(rulebook, newDueAt) };
}

// The last day of the decision clock of an application complete on `from` (for the forecast,
// which counts in days). The forecast's simulated cases carry no public-health mandate; a case
// whose clock has started is forecast against its own deadline in the case file.
export function statutoryDueDay(rulebook: RulebookId, sourcesLinked: boolean, from: IsoDate): IsoDate {
  return dayFor(rulebook, decisionRule(rulebook, { sourcesLinked, publicHealthMandate: false }).id as RuleId<RulebookId>, from);
}

// How many working days before the deadline a case is at risk (Tasklist's "Frist i fare").
export const warningWorkingDays = (rulebook: RulebookId) => valueIn(rulebook, 'decision-warning', 'working-days');

// At most how many working days the decision clock can run under any rulebook (the months of a
// clock never hold more than 23 working days each), so the forecast knows how far ahead a
// deadline can fall.
const workingDaysPerUnit = { 'working-days': 1, 'calendar-days': 1, weeks: 5, months: 23, years: 261 } as const;
const workingDaysIn = (rule: Rule) => rule.value * workingDaysPerUnit[rule.unit];
export function longestClockWorkingDays(): number {
  const clocks = [decisionRule('norwegian', { sourcesLinked: true, publicHealthMandate: false }), decisionRule('norwegian', { sourcesLinked: false, publicHealthMandate: false }), decisionRule('ehds', { sourcesLinked: false, publicHealthMandate: false })];
  // An EHDS deadline may be extended once, by up to the rule's months (art. 68 nr. 4).
  const extendedEhds = workingDaysIn(ruleOf('ehds', 'decision')) + workingDaysIn(ruleOf('ehds', 'decision-extension'));
  return Math.max(...clocks.map(workingDaysIn), extendedEhds);
}
