// Notes that a case is close to its statutory deadline.
import { recordStep } from '../../platform/audit.ts';
import { caseInput, defineWorker } from '../declaration.ts';
import { auditStep } from '../../domain/audit-steps.ts';

export default defineWorker<{ applicationId: string }, Record<string, never>>({
  topic: 'warn-statutory-deadline',
  input: caseInput(),
  async handler({ applicationId }, { db, now }) {
    await db.transaction(async (tx) => {
      await tx('deadlines').where({ application_id: applicationId }).whereNull('warned_at').update({ warned_at: now() });
      await recordStep(tx, { applicationId, step: auditStep.statutoryDeadlineWarned, actor: 'system' });
    });
    return {};
  },
});
