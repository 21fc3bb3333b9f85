// Records HDS's decision on a data update that stays within the decision it updates: HDS made
// that decision, so HDS decides the update, on the same conditions and dispensation. The
// caseworker who checked the update is recorded as its decider. Hours out of range go back to
// the caseworkers' check with the reason (BPMN error update-check-invalid), never an incident.
import { osloDay } from '../../domain/working-days.ts';
import { recordStep } from '../../platform/audit.ts';
import { findReferencedCase, loadApplication } from './case-file.ts';
import { BusinessError, caseInput, defineWorker, InvalidJobInput, RetryableError } from '../declaration.ts';
import { hoursProblem, hoursValue } from '../../domain/case/decision.ts';
import { auditStep } from '../../domain/audit-steps.ts';

type Output = { outcome: string; decidingBody: string; feeDate: string; hoursSpent: number; updateCheckProblem: null };

export default defineWorker<{ applicationId: string; hoursSpent: unknown; updateCheckNotes?: string }, Output>({
  topic: 'record-update-decision',
  // Hours as the form sends them (a number, or a text with a decimal comma); out of range goes
  // back to the form.
  input: caseInput({ hoursSpent: { anyOf: [{ type: 'number' }, { type: 'string' }] }, updateCheckNotes: { type: 'string' } }, ['hoursSpent']),
  async handler({ applicationId, hoursSpent: given, updateCheckNotes }, { db, task, now, userTasks }) {
    const decidedBy = await userTasks.completedBy(task.processInstanceId, 'check-update-scope');
    if (decidedBy === undefined) throw new RetryableError('The engine has no completed update check for this case yet');
    if (decidedBy === null) throw new InvalidJobInput('The update check was completed without an assignee; claim it in Tasklist first');
    const problem = hoursProblem(given);
    if (problem) {
      await recordStep(db, { applicationId, step: auditStep.updateCheckReturned, qualifier: task.id, actor: decidedBy, detail: { problem } });
      throw new BusinessError('update-check-invalid', problem, { updateCheckProblem: problem });
    }
    const hoursSpent = hoursValue(given);
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
    return { outcome: 'grant', decidingBody: 'HDS', feeDate: osloDay(now()), hoursSpent, updateCheckProblem: null };
  },
});
