// Dismisses an appeal that came after the appeal period.
import { recordStep } from '../service/audit.ts';
import { caseInput, defineWorker } from './declaration.ts';
import { sendCaseLetter } from '../service/letters/case-letter.ts';
import { appealFacts } from './case-file.ts';
import { auditStep } from '../domain/audit-steps.ts';
import { letterKind } from '../domain/letter/kinds.ts';

export default defineWorker<{ applicationId: string }, Record<string, never>>({
  taskType: 'dismiss-appeal',
  input: caseInput(),
  async handler({ applicationId }, { db, job, now }) {
    await db.transaction(async (tx) => {
      await tx('appeals').where({ process_instance_key: job.processInstanceKey }).update({ outcome: 'dismissed', decided_at: now() });
      await recordStep(tx, { applicationId, step: auditStep.appealDismissed, qualifier: job.processInstanceKey, actor: 'system' });
      await sendCaseLetter(tx, { applicationId, kind: letterKind.appealDismissed, qualifier: job.processInstanceKey, facts: await appealFacts(tx, job.processInstanceKey), now: now() });
    });
    return {};
  },
});
