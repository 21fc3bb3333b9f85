// Records the decision, made by a second person: the approver may not be the caseworker who
// assessed the case. If they are the same, the decision goes back to the approvers.
import { osloDay } from '../domain/working-days.ts';
import { recordStep } from '../service/audit.ts';
import { BusinessError, defineWorker, RetryableError } from './declaration.ts';
import { auditStep } from '../domain/audit-steps.ts';

type Input = {
  applicationId: string;
  assessedBy: string;
  outcome: string;
  conditions?: string;
  dispensationGranted?: boolean;
};

export default defineWorker<Input, { decidedBy: string; feeDate: string }>({
  taskType: 'record-decision',
  input: {
    type: 'object',
    properties: {
      applicationId: { type: 'string', format: 'uuid' },
      assessedBy: { type: 'string' },
      outcome: { type: 'string', enum: ['grant', 'partial-grant', 'refusal'] },
      conditions: { type: 'string' },
      dispensationGranted: { type: 'boolean' },
    },
    required: ['applicationId', 'assessedBy', 'outcome'],
  },
  async handler({ applicationId, assessedBy, outcome, conditions, dispensationGranted }, { db, job, now, userTasks }) {
    const decidedBy = await userTasks.completedBy(job.processInstanceKey, 'make-decision');
    if (decidedBy === undefined) throw new RetryableError('The engine has no completed decision task for this case yet');
    if (!decidedBy || decidedBy === assessedBy) {
      await recordStep(db, { applicationId, step: auditStep.decisionRefusedFourEyes, qualifier: job.key, actor: decidedBy ?? 'unknown', detail: { assessedBy } });
      throw new BusinessError('four-eyes', `The decision must be made by someone other than the assessor (${assessedBy})`);
    }
    await db.transaction(async (tx) => {
      await tx('decisions')
        .insert({
          application_id: applicationId,
          decided_by_body: 'HDS',
          outcome,
          decided_by: decidedBy,
          conditions: conditions ?? null,
          dispensation_granted: dispensationGranted ?? false,
          decided_at: now(),
        })
        .onConflict('application_id')
        .merge();
      await recordStep(tx, { applicationId, step: auditStep.decided, actor: decidedBy, detail: { outcome } });
    });
    return { decidedBy, feeDate: osloDay(now()) };
  },
});
