// The rulebooks a case can run under: today's Norwegian rules and the European Health Data
// Space (Regulation (EU) 2025/327). Each is data a process owner changes (norwegian.json,
// ehds.json beside this file), one row per rule with its value, unit and the article it comes
// from. Which rulebook a case follows is chosen by the decision table bpmn/rulebook.dmn and
// recorded in the case file (applications.rulebook); code reads that, never the date.
import { readFileSync } from 'node:fs';
import { addCalendarDays, addCalendarMonths, addWorkingDays, endOfOsloDay, osloDay, subtractWorkingDays, type IsoDate } from '../working-days.ts';

export const rulebookIds = ['norwegian', 'ehds'] as const;
export type RulebookId = (typeof rulebookIds)[number];

// The rows each rulebook must have: code and tests name them, so a row missing from the data
// stops the service at start, not a case on its way.
const ruleIds = {
  norwegian: [
    'decision', 'decision-linked', 'decision-warning', 'decision-publication', 'supplement', 'supplement-reminder', 'preliminary-answer', 'appeal',
    'custodian-delivery', 'statistics-answer', 'permit-expiry-reminder', 'permit-deletion-confirmation', 'invoice-due',
  ],
  ehds: [
    'decision', 'decision-extension', 'decision-public-health', 'decision-public-health-extension', 'decision-warning', 'decision-publication', 'completion',
    'holder-delivery', 'holder-delivery-extension', 'user-access', 'statistics-assessment', 'statistics-answer', 'statistics-instead-of-refusal',
    'permit-duration', 'permit-extension', 'permit-extension-request', 'permit-extension-reminder', 'deletion', 'fee-agreement',
    'cost-estimate', 'cost-estimate-answer',
  ],
} as const;
export type RuleId<B extends RulebookId> = (typeof ruleIds)[B][number];

export const ruleUnits = ['working-days', 'calendar-days', 'weeks', 'months', 'years'] as const;
export type RuleUnit = (typeof ruleUnits)[number];

export type Rule = {
  id: string;
  value: number;
  unit: RuleUnit;
  // After: the date is the period after the day it runs from; before: the period before it
  // (a warning before a deadline, a reminder before an expiry).
  counts: 'after' | 'before';
  // Where the rule comes from, as a Norwegian reader cites it.
  article: string;
  about: string;
  unconfirmed?: boolean;
  note?: string;
};

export type Rulebook = { id: RulebookId; name: string; about: string; rules: Rule[] };

function load(id: RulebookId): Rulebook {
  const book = JSON.parse(readFileSync(new URL(`./${id}.json`, import.meta.url), 'utf8')) as Rulebook;
  const problems = [
    book.id !== id && `its id is "${book.id}"`,
    ...book.rules.map((rule) => !(ruleUnits as readonly string[]).includes(rule.unit) && `rule ${rule.id} has the unknown unit "${rule.unit}"`),
    ...book.rules.map((rule) => !(Number.isInteger(rule.value) && rule.value >= 0) && `rule ${rule.id} has the value ${rule.value}, not a whole number >= 0`),
    ...book.rules.map((rule) => !['after', 'before'].includes(rule.counts) && `rule ${rule.id} counts "${rule.counts}", not after or before`),
    ...ruleIds[id].map((rule) => book.rules.filter((row) => row.id === rule).length !== 1 && `it needs exactly one row ${rule}`),
    ...book.rules.map((rule) => !(ruleIds[id] as readonly string[]).includes(rule.id) && `rule ${rule.id} is not one the service knows`),
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`domain/rulebook/${id}.json: ${problems.join('; ')}`);
  return book;
}

export const rulebooks: Record<RulebookId, Rulebook> = { norwegian: load('norwegian'), ehds: load('ehds') };

export const isRulebookId = (value: unknown): value is RulebookId => (rulebookIds as readonly unknown[]).includes(value);

// Whether a rulebook has a rule at all: a rule one rulebook lacks (the offer of statistics
// instead of a refusal under the Norwegian rules) is not offered there.
export const hasRule = (rulebook: RulebookId, rule: string) => rulebooks[rulebook].rules.some((row) => row.id === rule);

export function ruleOf<B extends RulebookId>(rulebook: B, rule: RuleId<B>): Rule {
  return rulebooks[rulebook].rules.find((row) => row.id === rule)!;
}

// A rule's value where code counts in one unit: a row changed to another unit must not be read
// as if it were still in the old one.
export function valueIn<B extends RulebookId>(rulebook: B, rule: RuleId<B>, unit: RuleUnit): number {
  const row = ruleOf(rulebook, rule);
  if (row.unit !== unit) throw new Error(`domain/rulebook/${rulebook}.json: rule ${rule} is in ${row.unit}, the service counts it in ${unit}`);
  return row.value;
}

// The calendar day a rule gives, from the day it runs from.
export function dayFor<B extends RulebookId>(rulebook: B, rule: RuleId<B>, from: IsoDate): IsoDate {
  const { value, unit, counts } = ruleOf(rulebook, rule);
  const sign = counts === 'before' ? -1 : 1;
  switch (unit) {
    case 'working-days':
      return counts === 'before' ? subtractWorkingDays(from, value) : addWorkingDays(from, value);
    case 'calendar-days':
      return addCalendarDays(from, sign * value);
    case 'weeks':
      return addCalendarDays(from, sign * 7 * value);
    case 'months':
      return addCalendarMonths(from, sign * value);
    case 'years':
      return addCalendarMonths(from, sign * 12 * value);
  }
}

// The deadline a rule gives, from the instant it runs from: the end of its last day in Norway.
export function deadlineFor<B extends RulebookId>(rulebook: B, rule: RuleId<B>, from: Date): Date {
  return endOfOsloDay(dayFor(rulebook, rule, osloDay(from)));
}

const unitNames: Record<RuleUnit, [string, string]> = {
  'working-days': ['virkedag', 'virkedager'],
  'calendar-days': ['kalenderdag', 'kalenderdager'],
  weeks: ['uke', 'uker'],
  months: ['måned', 'måneder'],
  years: ['år', 'år'],
};

// A rule's period as a Norwegian reader reads it: "30 virkedager", "3 måneder".
export function durationText(rule: Pick<Rule, 'value' | 'unit'>): string {
  const [one, many] = unitNames[rule.unit];
  return `${rule.value} ${rule.value === 1 ? one : many}`;
}

// A deadline's basis as a caseworker or applicant reads it: the period it ran and the rule it
// comes from, e.g. "3 måneder fra komplett søknad (forordning (EU) 2025/327 art. 68 nr. 4)".
// The period is the one the deadline was set with, which a later change of the data leaves be.
export function deadlineBasisText(rulebook: RulebookId, rule: string, period: Pick<Rule, 'value' | 'unit'>, from: string): string {
  const row = rulebooks[rulebook].rules.find((r) => r.id === rule);
  return `${durationText(period)} fra ${from}${row ? ` (${row.article})` : ''}`;
}
