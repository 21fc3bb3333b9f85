// Starts the statutory deadline once the application is complete: 30 working days, or 60
// when sources are linked (helseregisterloven § 19 f), with a warning before it runs out.
import { statutoryDeadline } from '../../domain/deadlines.ts';
import { norwegianDate, osloDay } from '../../domain/working-days.ts';
import { defineWorker } from '../declaration.ts';
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
    const deadline = statutoryDeadline(now(), sourcesLinked);
    return db.transaction(async (tx) => {
      await tx('deadlines')
        .insert({ application_id: applicationId, working_days: deadline.workingDays, starts_on: deadline.startsOn, warn_at: deadline.warnAt, due_at: deadline.dueAt })
        .onConflict('application_id')
        .ignore();
      const stored = await tx('deadlines').where({ application_id: applicationId }).first();
      await applyCaseEvent(tx, { applicationId, event: caseEvent.statutoryClockStarted, now: now(), actor: 'system', detail: { workingDays: stored.working_days, dueAt: stored.due_at } });
      const dueAt = new Date(stored.due_at);
      return { statutoryDeadline: dueAt.toISOString(), statutoryWarningAt: new Date(stored.warn_at).toISOString(), statutoryDeadlineText: norwegianDate(osloDay(dueAt)) };
    });
  },
});
