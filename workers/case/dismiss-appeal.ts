// Dismisses an appeal that came after the appeal period. The dismissal is a decision of its
// own, which can be appealed within three weeks of it.
import { appealDeadline } from '../../domain/deadlines.ts';
import { osloDay } from '../../domain/working-days.ts';
import { recordStep } from '../../platform/audit.ts';
import { caseInput, defineWorker } from '../declaration.ts';
import { sendCaseLetter } from '../../store/letter/case-letter.ts';
import { appealFacts } from './case-file.ts';
import { auditStep } from '../../domain/audit-steps.ts';
import { letterKind } from '../../domain/letter/kinds.ts';

export default defineWorker<{ applicationId: string }, Record<string, never>>({
  topic: 'dismiss-appeal',
  input: caseInput(),
  async handler({ applicationId }, { db, task, now }) {
    await db.transaction(async (tx) => {
      await tx('appeals').where({ process_instance_id: task.processInstanceId }).update({ outcome: 'dismissed', decided_at: now() });
      await recordStep(tx, { applicationId, step: auditStep.appealDismissed, qualifier: task.processInstanceId, actor: 'system' });
      const facts = { ...(await appealFacts(tx, task.processInstanceId)), dismissalAppealDeadline: appealDeadline(osloDay(now())) };
      await sendCaseLetter(tx, { applicationId, kind: letterKind.appealDismissed, qualifier: task.processInstanceId, facts, now: now() });
    });
    return {};
  },
});
