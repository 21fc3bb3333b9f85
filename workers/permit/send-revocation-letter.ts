// Sends the holder the decision to revoke the permit, with its reason and the appeal deadline
// (forvaltningsloven § 29): a revocation is an individual decision that can be appealed.
import { appealDeadline } from '../../domain/deadlines.ts';
import { osloDay } from '../../domain/working-days.ts';
import { sendPermitLetter } from '../../store/permit/letters.ts';
import { defineWorker, InvalidJobInput } from '../declaration.ts';
import { loadPermit, permitInput, type PermitInput } from './permit-file.ts';

export default defineWorker<PermitInput & { revocationId: string }, { revocationAppealDeadline: string }>({
  topic: 'send-revocation-letter',
  input: permitInput({ revocationId: { type: 'string', format: 'uuid' } }, ['revocationId']),
  async handler({ permitId, revocationId }, { db, now }) {
    const permit = await loadPermit(db, permitId);
    const deadline = appealDeadline(osloDay(now()));
    await db.transaction(async (tx) => {
      const revocation = await tx('permit_revocations').where({ id: revocationId }).first();
      if (!revocation) throw new InvalidJobInput(`No revocation ${revocationId}`);
      await tx('permit_revocations').where({ id: revocationId }).whereNull('letter_sent_at').update({ letter_sent_at: now(), appeal_deadline: deadline });
      await sendPermitLetter(tx, permit, { kind: 'revocation-decision', key: revocationId, content: { reason: revocation.reason, appealDeadline: deadline } }, now());
    });
    return { revocationAppealDeadline: deadline };
  },
});
