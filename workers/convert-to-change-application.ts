// A data update that goes beyond the decision it updates, or refers to no granting HDS
// decision, is a change application: it is assessed as one and priced as one.
import { recordStep } from '../service/audit.ts';
import { caseInput, defineWorker } from './declaration.ts';
import { auditStep } from '../domain/audit-steps.ts';

type Input = { applicationId: string; earlierDecisionProblem?: string; updateDifferences?: string; updateCheckNotes?: string };

export default defineWorker<Input, { applicationType: string }>({
  taskType: 'convert-to-change-application',
  input: caseInput({ earlierDecisionProblem: { type: 'string' }, updateDifferences: { type: 'string' }, updateCheckNotes: { type: 'string' } }),
  async handler({ applicationId, earlierDecisionProblem, updateDifferences, updateCheckNotes }, { db, now }) {
    await db.transaction(async (tx) => {
      await tx('applications').where({ id: applicationId }).update({ application_type: 'change', updated_at: now() });
      const reason = updateCheckNotes || earlierDecisionProblem || updateDifferences || null;
      await recordStep(tx, { applicationId, step: auditStep.convertedToChange, actor: 'system', detail: { from: 'data-update', reason } });
    });
    return { applicationType: 'change' };
  },
});
