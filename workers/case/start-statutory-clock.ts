// Starts the statutory deadline once the application is complete, under the rulebook the case
// file records for the case (applications.rulebook): Norwegian rules 30 working days, or 60 when
// sources are linked (helseregisterloven § 19 f); EHDS 3 months (Regulation (EU) 2025/327
// art. 68 nr. 4). A warning comes before it runs out.
import { isRulebookId } from '../../domain/rulebook/rulebooks.ts';
import { statutoryClock } from '../../domain/rulebook/statutory-clock.ts';
import { norwegianDate, osloDay } from '../../domain/working-days.ts';
import { loadApplication } from './case-file.ts';
import { defineWorker, InvalidJobInput } from '../declaration.ts';
import { caseEvent } from '../../domain/case/states.ts';
import { applyCaseEvent } from '../../store/case/events.ts';

// The deadline as a timestamp for the timers and due dates, and as the day a person reads
// (the deadline is the end of that day in Norway).
type Output = { statutoryDeadline: string; statutoryWarningAt: string; statutoryDeadlineText: string };

export default defineWorker<{ applicationId: string; sourcesLinked: boolean }, Output>({
  topic: 'start-statutory-clock',
  input: {
    type: 'object',
    properties: { applicationId: { type: 'string', format: 'uuid' }, sourcesLinked: { type: 'boolean' } },
    required: ['applicationId', 'sourcesLinked'],
  },
  async handler({ applicationId, sourcesLinked }, { db, now }) {
    return db.transaction(async (tx) => {
      const { rulebook } = await loadApplication(tx, applicationId);
      if (!isRulebookId(rulebook)) throw new InvalidJobInput(`Application ${applicationId} has no rulebook recorded (record-rulebook sets it)`);
      const clock = statutoryClock(rulebook, sourcesLinked, now());
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
      return { statutoryDeadline: dueAt.toISOString(), statutoryWarningAt: new Date(stored.warn_at).toISOString(), statutoryDeadlineText: norwegianDate(osloDay(dueAt)) };
    });
  },
});
