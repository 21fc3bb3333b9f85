// Records how an appeal ended: reversed by HDS, or decided by Helseklage. A reversed decision
// changes the case's status; a reversed revocation puts the permit back in the state it had and
// starts its process again (message permit-reinstated).
import type { Knex } from 'knex';
import { recordStep } from '../service/audit.ts';
import { queueCaseMessage } from '../service/case-messages.ts';
import { defineWorker } from './declaration.ts';
import { sendCaseLetter } from '../service/letters/case-letter.ts';
import { appealFacts, setStatus } from './case-file.ts';

type Input = { applicationId: string; appealResult: string; helseklageReference?: string; appealNotes?: string };

// Once per revocation: the permit runs again as before it was revoked.
async function reinstatePermit(tx: Knex.Transaction, applicationId: string, revocationId: string, now: Date) {
  const revocation = await tx('permit_revocations').where({ id: revocationId }).whereNull('reinstated_at').forUpdate().first();
  if (!revocation) return;
  await tx('permit_revocations').where({ id: revocationId }).update({ outcome: 'reversed-on-appeal', reinstated_at: now });
  await tx('permits').where({ id: revocation.permit_id, state: 'revoked' }).update({ state: revocation.permit_state_before ?? 'active', revoked_at: null, updated_at: now });
  await recordStep(tx, { applicationId, step: `permit-reinstated:${revocationId}`, actor: 'HDS', detail: { permitId: revocation.permit_id, state: revocation.permit_state_before } });
  await queueCaseMessage(tx, { applicationId, name: 'permit-reinstated', starts: true, variables: { applicationId, permitId: revocation.permit_id, revocationId }, actor: 'system' });
}

export default defineWorker<Input, Record<string, never>>({
  taskType: 'record-appeal-outcome',
  input: {
    type: 'object',
    properties: {
      applicationId: { type: 'string', format: 'uuid' },
      appealResult: { type: 'string', enum: ['reversed', 'reversed-by-helseklage', 'upheld-by-helseklage'] },
      helseklageReference: { type: 'string' },
      appealNotes: { type: 'string' },
    },
    required: ['applicationId', 'appealResult'],
  },
  async handler({ applicationId, appealResult, helseklageReference, appealNotes }, { db, job, now }) {
    await db.transaction(async (tx) => {
      const [appeal] = await tx('appeals')
        .where({ process_instance_key: job.processInstanceKey })
        .update({ outcome: appealResult, helseklage_reference: helseklageReference ?? null, decided_at: now() })
        .returning('revocation_id');
      const reversed = appealResult !== 'upheld-by-helseklage';
      if (reversed && appeal?.revocation_id) await reinstatePermit(tx, applicationId, appeal.revocation_id, now());
      else if (reversed) await setStatus(tx, applicationId, 'decision-reversed', now());
      await recordStep(tx, { applicationId, step: `appeal-decided:${job.processInstanceKey}`, actor: helseklageReference ? 'Helseklage' : 'HDS', detail: { appealResult } });
      // HDS's own reversal is HDS's letter; Helseklage answers the appellant itself.
      if (appealResult === 'reversed') {
        const facts = { ...(await appealFacts(tx, job.processInstanceKey)), notes: appealNotes ?? '' };
        await sendCaseLetter(tx, { applicationId, step: `appeal-reversed:${job.processInstanceKey}`, kind: 'appeal-reversed', facts, now: now() });
      }
    });
    return {};
  },
});
