// Records HDS's decision on a data update that stays within the decision it updates: HDS made
// that decision, so HDS decides the update, on the same conditions and dispensation. The
// caseworker who checked the update is recorded as its decider.
import { osloDay } from '../../domain/working-days.ts';
import { recordStep } from '../../platform/audit.ts';
import { findReferencedCase, loadApplication } from './case-file.ts';
import { caseInput, defineWorker, InvalidJobInput, RetryableError } from '../declaration.ts';
import { auditStep } from '../../domain/audit-steps.ts';

type Output = { outcome: string; decidingBody: string; feeDate: string; hoursSpent: number };

export default defineWorker<{ applicationId: string; hoursSpent: number; updateCheckNotes?: string }, Output>({
  topic: 'record-update-decision',
  input: caseInput({ hoursSpent: { type: 'number', minimum: 0 }, updateCheckNotes: { type: 'string' } }, ['hoursSpent']),
  async handler({ applicationId, hoursSpent, updateCheckNotes }, { db, task, now, userTasks }) {
    const decidedBy = await userTasks.completedBy(task.processInstanceId, 'check-update-scope');
    if (decidedBy === undefined) throw new RetryableError('The engine has no completed update check for this case yet');
    if (decidedBy === null) throw new InvalidJobInput('The update check was completed without an assignee; claim it in Tasklist first');
    const { submission } = await loadApplication(db, applicationId);
    const earlier = await findReferencedCase(db, submission.earlierDecisionReference ?? '');
    if (!earlier) throw new InvalidJobInput(`No case ${submission.earlierDecisionReference} in the case file`);
    const earlierDecision = await db('decisions').where({ application_id: earlier.id }).first();
    await db.transaction(async (tx) => {
      await tx('applications').where({ id: applicationId }).update({ deciding_body: 'HDS', routing_rule: 'data-update', updated_at: now() });
      await tx('decisions')
        .insert({
          application_id: applicationId,
          decided_by_body: 'HDS',
          outcome: 'grant',
          decided_by: decidedBy,
          conditions: earlierDecision?.conditions ?? null,
          dispensation_granted: earlierDecision?.dispensation_granted ?? false,
          decided_at: now(),
        })
        .onConflict('application_id')
        .ignore();
      await recordStep(tx, {
        applicationId,
        step: auditStep.decided,
        actor: decidedBy,
        detail: { outcome: 'grant', update: true, earlierCase: earlier.reference, hoursSpent, notes: updateCheckNotes ?? null },
      });
    });
    return { outcome: 'grant', decidingBody: 'HDS', feeDate: osloDay(now()), hoursSpent };
  },
});
