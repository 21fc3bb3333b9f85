// The statutory decision clock under the case's rulebook: which rule sets it and the dates it
// gives, counted from the day the application is complete.
import { osloDay } from '../working-days.ts';
import { deadlineFor, ruleOf, type Rule, type RuleId, type RulebookId } from './rulebooks.ts';

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
