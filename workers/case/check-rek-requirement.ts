// Checks whether the case needs REK's prior approval and whether the application has it.
import { caseFacts, rekRequirement } from '../../domain/case/facts.ts';
import { osloDay } from '../../domain/working-days.ts';
import { recordStep } from '../../platform/audit.ts';
import { loadApplication } from './case-file.ts';
import { caseInput, defineWorker } from '../declaration.ts';
import { auditStep } from '../../domain/audit-steps.ts';

export default defineWorker<{ applicationId: string }, { rekApprovalRequired: boolean; rekApprovalMissing: boolean }>({
  topic: 'check-rek-requirement',
  input: caseInput(),
  async handler({ applicationId }, { db, task, now }) {
    const { submission } = await loadApplication(db, applicationId);
    const result = rekRequirement(submission, caseFacts(submission), osloDay(now()));
    await recordStep(db, { applicationId, step: auditStep.rekChecked, qualifier: task.id, actor: 'system', detail: result });
    return result;
  },
});
