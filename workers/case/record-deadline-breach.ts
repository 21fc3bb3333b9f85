// Records that a case passed its statutory deadline before a decision was sent.
import { recordStep } from '../../platform/audit.ts';
import { caseInput, defineWorker } from '../declaration.ts';
import { auditStep } from '../../domain/audit-steps.ts';

export default defineWorker<{ applicationId: string }, Record<string, never>>({
  topic: 'record-deadline-breach',
  input: caseInput(),
  async handler({ applicationId }, { db, now }) {
    await db.transaction(async (tx) => {
      await tx('deadlines').where({ application_id: applicationId }).whereNull('breached_at').update({ breached_at: now() });
      await recordStep(tx, { applicationId, step: auditStep.statutoryDeadlineBreached, actor: 'system' });
    });
    return {};
  },
});
