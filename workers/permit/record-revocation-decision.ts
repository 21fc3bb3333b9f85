// Records the approver's decision on a revocation, made by someone other than the caseworker
// who asked for it (four eyes, as for decisions): if they are the same, or the task was
// completed without an assignee, the decision goes back to the approvers.
import { recordStep } from '../../platform/audit.ts';
import { BusinessError, defineWorker, InvalidJobInput, RetryableError } from '../declaration.ts';
import { loadPermit, permitInput, type PermitInput } from './permit-file.ts';
import { auditStep } from '../../domain/audit-steps.ts';

type Input = PermitInput & { revocationId: string; revocationOutcome: 'revoke' | 'refuse'; revocationNote?: string };

export default defineWorker<Input, { revoked: boolean }>({
  topic: 'record-revocation-decision',
  input: permitInput(
    { revocationId: { type: 'string', format: 'uuid' }, revocationOutcome: { type: 'string', enum: ['revoke', 'refuse'] }, revocationNote: { type: 'string' } },
    ['revocationId', 'revocationOutcome'],
  ),
  async handler({ permitId, revocationId, revocationOutcome, revocationNote }, { db, task, now, userTasks }) {
    const decidedBy = await userTasks.completedBy(task.processInstanceId, 'decide-revocation');
    if (decidedBy === undefined) throw new RetryableError('The engine has no completed revocation decision for this permit yet');
    const permit = await loadPermit(db, permitId);
    const revocation = await db('permit_revocations').where({ id: revocationId, permit_id: permitId }).first();
    if (!revocation) throw new InvalidJobInput(`No revocation ${revocationId} of permit ${permitId}`);
    if (!decidedBy || decidedBy === revocation.requested_by) {
      await recordStep(db, { applicationId: permit.application_id, step: auditStep.permitRevocationRefusedFourEyes, qualifier: task.id, actor: decidedBy ?? 'unknown', detail: { requestedBy: revocation.requested_by } });
      throw new BusinessError('four-eyes', `The revocation must be decided by someone other than the caseworker who asked for it (${revocation.requested_by})`);
    }
    const outcome = revocationOutcome === 'revoke' ? 'revoked' : 'refused';
    await db.transaction(async (tx) => {
      await tx('permit_revocations').where({ id: revocationId }).whereNull('outcome').update({ outcome, decided_by: decidedBy, decided_at: now(), decision_note: revocationNote || null });
      await recordStep(tx, { applicationId: permit.application_id, step: auditStep.permitRevocationDecided, qualifier: revocationId, actor: decidedBy, detail: { permitId, outcome } });
    });
    // A repeated job answers what was recorded first.
    const recorded = await db('permit_revocations').where({ id: revocationId }).first('outcome');
    return { revoked: recorded.outcome === 'revoked' };
  },
});
