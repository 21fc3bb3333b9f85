// Starts the statutory deadline once the application is complete, under the rulebook the case
// file records for the case (applications.rulebook): Norwegian rules 30 working days, or 60 when
// sources are linked (helseregisterloven § 19 f); EHDS 3 months (Regulation (EU) 2025/327
// art. 68 nr. 4), 2 for a public body with a public-health mandate (art. 68 nr. 6). A warning
// comes before it runs out. Tells the assessment form whether the deadline may be extended.
import { clockFacts } from '../../domain/case/facts.ts';
import { isRulebookId } from '../../domain/rulebook/rulebooks.ts';
import { extensionOfferText, statutoryClock } from '../../domain/rulebook/statutory-clock.ts';
import { norwegianDate, osloDay } from '../../domain/working-days.ts';
import { loadApplication } from './case-file.ts';
import { caseInput, defineWorker, InvalidJobInput } from '../declaration.ts';
import { caseEvent } from '../../domain/case/states.ts';
import { applyCaseEvent } from '../../store/case/events.ts';

// The deadline as a timestamp for the timers and due dates, and as the day a person reads
// (the deadline is the end of that day in Norway); the assessment form's extension fields
// start empty, and the offer is '' where no extension is allowed (the form hides it).
type Output = {
  statutoryDeadline: string;
  statutoryWarningAt: string;
  statutoryDeadlineText: string;
  extendDeadline: false;
  deadlineExtensionOffer: string;
  deadlineExtensionText: string;
  extensionProblem: null;
};

export default defineWorker<{ applicationId: string }, Output>({
  topic: 'start-statutory-clock',
  input: caseInput(),
  async handler({ applicationId }, { db, now }) {
    return db.transaction(async (tx) => {
      const { rulebook, submission } = await loadApplication(tx, applicationId);
      if (!isRulebookId(rulebook)) throw new InvalidJobInput(`Application ${applicationId} has no rulebook recorded (record-rulebook sets it)`);
      const clock = statutoryClock(rulebook, clockFacts(submission), now());
      const { rule } = clock;
      await tx('deadlines')
        .insert({
          application_id: applicationId,
          rule: rule.id,
          period: rule.value,
          period_unit: rule.unit,
          working_days: rule.unit === 'working-days' ? rule.value : null,
          starts_on: clock.startsOn,
          warn_at: clock.warnAt,
          due_at: clock.dueAt,
        })
        .onConflict('application_id')
        .ignore();
      const stored = await tx('deadlines').where({ application_id: applicationId }).first();
      await applyCaseEvent(tx, {
        applicationId,
        event: caseEvent.statutoryClockStarted,
        now: now(),
        actor: 'system',
        detail: { rulebook, rule: stored.rule, period: stored.period, unit: stored.period_unit, workingDays: stored.working_days, dueAt: stored.due_at },
      });
      const dueAt = new Date(stored.due_at);
      return {
        statutoryDeadline: dueAt.toISOString(),
        statutoryWarningAt: new Date(stored.warn_at).toISOString(),
        statutoryDeadlineText: norwegianDate(osloDay(dueAt)),
        extendDeadline: false,
        deadlineExtensionOffer: extensionOfferText(rulebook, stored.rule),
        deadlineExtensionText: '',
        extensionProblem: null,
      };
    });
  },
});
