// Reminds the applicant once, with 5 more working days.
import { rules, workingDaysAfter } from '../../domain/deadlines.ts';
import { caseInput, defineWorker } from '../declaration.ts';
import { sendCaseLetter } from '../../store/letter/case-letter.ts';
import { osloDay } from '../../domain/working-days.ts';
import { lastRequestedMissing, recordReminder } from '../../store/case/supplement-requests.ts';
import { caseEvent } from '../../domain/case/states.ts';
import { applyCaseEvent } from '../../store/case/events.ts';
import { letterKind } from '../../domain/letter/kinds.ts';

export default defineWorker<{ applicationId: string }, { reminderDueAt: string }>({
  topic: 'send-supplement-reminder',
  input: caseInput(),
  async handler({ applicationId }, { db, task, now }) {
    const dueAt = workingDaysAfter(now(), rules.reminderWorkingDays);
    const missing = await lastRequestedMissing(db, applicationId);
    await db.transaction(async (tx) => {
      await applyCaseEvent(tx, { applicationId, event: caseEvent.supplementReminded, qualifier: task.id, actor: 'system', detail: { dueAt }, now: now() });
      await recordReminder(tx, applicationId, now(), dueAt);
      await sendCaseLetter(tx, { applicationId, kind: letterKind.supplementReminder, qualifier: task.id, facts: { missing, dueOn: osloDay(dueAt) }, now: now() });
    });
    return { reminderDueAt: dueAt.toISOString() };
  },
});
