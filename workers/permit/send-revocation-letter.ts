// Sends the holder the decision to revoke the permit: the caseworker's grounds and the
// approver's reasons, the legal basis, the deadline to delete or return the data, who prepared
// and who decided it, and the appeal deadline (forvaltningsloven §§ 24–25, 27 and 29): a
// revocation is an individual decision that can be appealed.
import { appealDeadline } from '../../domain/deadlines.ts';
import { deletionConfirmationDue, deletionRuleText } from '../../domain/permit/permit.ts';
import { osloDay } from '../../domain/working-days.ts';
import { sendPermitLetter } from '../../store/permit/letters.ts';
import { rulebookOf } from '../../store/permit/permits.ts';
import { defineWorker, InvalidJobInput } from '../declaration.ts';
import { loadPermit, permitInput, type PermitInput } from './permit-file.ts';

export default defineWorker<PermitInput & { revocationId: string }, { revocationAppealDeadline: string }>({
  topic: 'send-revocation-letter',
  input: permitInput({ revocationId: { type: 'string', format: 'uuid' } }, ['revocationId']),
  async handler({ permitId, revocationId }, { db, now, userTasks }) {
    const permit = await loadPermit(db, permitId);
    const deadline = appealDeadline(osloDay(now()));
    const revocation = await db('permit_revocations').where({ id: revocationId }).first();
    if (!revocation) throw new InvalidJobInput(`No revocation ${revocationId}`);
    const rulebook = await rulebookOf(db, permit);
    const revokedOn = osloDay(revocation.decided_at ?? now());
    const content = {
      reason: revocation.reason,
      decisionNote: revocation.decision_note ?? '',
      revokedOn,
      // The holder deletes or returns the data within the time a permit's end gives, by the
      // permit's rulebook: the revocation ends the permit.
      deleteBy: osloDay(deletionConfirmationDue(rulebook, revokedOn, now())),
      ...deletionRuleText(rulebook),
      requestedByName: await userTasks.nameOf(revocation.requested_by),
      decidedByName: revocation.decided_by ? await userTasks.nameOf(revocation.decided_by) : '',
      appealDeadline: deadline,
    };
    await db.transaction(async (tx) => {
      await tx('permit_revocations').where({ id: revocationId }).whereNull('letter_sent_at').update({ letter_sent_at: now(), appeal_deadline: deadline });
      await sendPermitLetter(tx, permit, { kind: 'revocation-decision', key: revocationId, content }, now());
    });
    return { revocationAppealDeadline: deadline };
  },
});
