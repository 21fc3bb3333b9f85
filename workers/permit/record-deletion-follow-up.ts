// Records the confirmation of deletion that the caseworker following up got by other means
// (a letter, a call to the holder), as the caseworker who completed the follow-up.
import { recordStep } from '../../platform/audit.ts';
import { defineWorker, InvalidJobInput, RetryableError } from '../declaration.ts';
import { loadPermit, permitInput, type PermitInput } from './permit-file.ts';
import { auditStep } from '../../domain/audit-steps.ts';

type Input = PermitInput & { deletionFollowUpOutcome: 'deleted' | 'returned'; deletionFollowUpNote?: string };

export default defineWorker<Input, Record<string, never>>({
  topic: 'record-deletion-follow-up',
  input: permitInput({ deletionFollowUpOutcome: { type: 'string', enum: ['deleted', 'returned'] }, deletionFollowUpNote: { type: 'string' } }, ['deletionFollowUpOutcome']),
  async handler({ permitId, deletionFollowUpOutcome, deletionFollowUpNote }, { db, task, userTasks }) {
    const confirmedBy = await userTasks.completedBy(task.processInstanceId, 'follow-up-deletion');
    if (confirmedBy === undefined) throw new RetryableError('The engine has no completed deletion follow-up for this permit yet');
    if (confirmedBy === null) throw new InvalidJobInput('The deletion follow-up was completed without an assignee; claim it in Tasklist first');
    const permit = await loadPermit(db, permitId);
    await db.transaction(async (tx) => {
      await tx('permit_deletion_confirmations')
        .insert({ permit_id: permitId, key: `follow-up:${task.id}`, confirmed_as: 'caseworker', confirmed_by: confirmedBy, outcome: deletionFollowUpOutcome, note: deletionFollowUpNote || null })
        .onConflict('key')
        .ignore();
      await recordStep(tx, { applicationId: permit.application_id, step: auditStep.permitDeletionConfirmed, qualifier: task.id, actor: confirmedBy, detail: { permitId, outcome: deletionFollowUpOutcome, confirmedAs: 'caseworker' } });
    });
    return {};
  },
});
