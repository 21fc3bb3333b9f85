// Records the caseworker's legal assessment, the hours it took and who made it (the engine's
// record of who completed the task, which the decision step holds against the approver). The
// case then waits for the approver's decision.
import { defineWorker, InvalidJobInput, RetryableError } from './declaration.ts';
import { caseEvent } from '../domain/case/states.ts';
import { applyCaseEvent } from '../store/case/events.ts';

type Input = {
  applicationId: string;
  recommendation: string;
  hoursSpent: number;
  confidentialityBasis?: string;
  purposeWithinRegisterPurposes?: boolean;
  legalBasisConfirmed?: boolean;
  dataMinimisationConfirmed?: boolean;
  assessmentNotes?: string;
};

export default defineWorker<Input, { assessedBy: string }>({
  taskType: 'record-assessment',
  input: {
    type: 'object',
    properties: {
      applicationId: { type: 'string', format: 'uuid' },
      recommendation: { type: 'string', enum: ['grant', 'partial-grant', 'refusal'] },
      hoursSpent: { type: 'number', minimum: 0 },
      confidentialityBasis: { type: 'string' },
      purposeWithinRegisterPurposes: { type: 'boolean' },
      legalBasisConfirmed: { type: 'boolean' },
      dataMinimisationConfirmed: { type: 'boolean' },
      assessmentNotes: { type: 'string' },
    },
    required: ['applicationId', 'recommendation', 'hoursSpent'],
  },
  async handler({ applicationId, recommendation, hoursSpent, assessmentNotes, ...findings }, { db, job, now, userTasks }) {
    const assessedBy = await userTasks.completedBy(job.processInstanceKey, 'legal-assessment');
    if (assessedBy === undefined) throw new RetryableError('The engine has no completed assessment task for this case yet');
    if (assessedBy === null) throw new InvalidJobInput('The assessment task was completed without an assignee; claim it in Tasklist first');
    await db.transaction(async (tx) => {
      await tx('assessments')
        .insert({ application_id: applicationId, recommendation, hours_spent: hoursSpent, assessed_by: assessedBy, findings: { ...findings, notes: assessmentNotes }, assessed_at: now() })
        .onConflict('application_id')
        .merge();
      await applyCaseEvent(tx, { applicationId, event: caseEvent.assessed, now: now(), qualifier: job.key, actor: assessedBy, detail: { recommendation, hoursSpent } });
    });
    return { assessedBy };
  },
});
