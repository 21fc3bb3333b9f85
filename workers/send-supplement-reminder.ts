// Reminds the applicant once, with 5 more working days.
import { rules, workingDaysAfter } from '../domain/deadlines.ts';
import { recordStep } from '../service/audit.ts';
import { caseInput, defineWorker } from './declaration.ts';

export default defineWorker<{ applicationId: string }, { reminderDueAt: string }>({
  taskType: 'send-supplement-reminder',
  input: caseInput(),
  async handler({ applicationId }, { db, job, now }) {
    const dueAt = workingDaysAfter(now(), rules.reminderWorkingDays);
    await recordStep(db, { applicationId, step: `supplement-reminded:${job.key}`, actor: 'system', detail: { dueAt } });
    return { reminderDueAt: dueAt.toISOString() };
  },
});
