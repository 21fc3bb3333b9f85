// Notes that a case is close to its statutory deadline. A case whose deadline was extended after
// the first warning is warned again before the new deadline (bpmn/hds-application.bpmn,
// statutory-deadline-near): that warning is recorded as a step of its own.
import { recordStep } from '../../platform/audit.ts';
import { caseInput, defineWorker } from '../declaration.ts';
import { auditStep } from '../../domain/audit-steps.ts';

export default defineWorker<{ applicationId: string }, Record<string, never>>({
  topic: 'warn-statutory-deadline',
  input: caseInput(),
  async handler({ applicationId }, { db, now }) {
    await db.transaction(async (tx) => {
      const extended = await tx('deadline_extensions').where({ application_id: applicationId }).first('application_id');
      await tx('deadlines').where({ application_id: applicationId }).whereNull('warned_at').update({ warned_at: now() });
      await recordStep(tx, { applicationId, step: auditStep.statutoryDeadlineWarned, qualifier: extended ? 'extended' : undefined, actor: 'system' });
    });
    return {};
  },
});
