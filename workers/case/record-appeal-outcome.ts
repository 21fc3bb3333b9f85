// Records how an appeal ended: reversed by HDS, or decided by Helseklage. A reversed decision
// changes the case's status; a reversed revocation puts the permit back in the state it had and
// starts its process again (message permit-reinstated).
import type { Knex } from 'knex';
import { recordStep } from '../../platform/audit.ts';
import { defineWorker } from '../declaration.ts';
import { sendCaseLetter } from '../../store/letter/case-letter.ts';
import { appealFacts } from './case-file.ts';
import { auditStep, message } from '../../domain/audit-steps.ts';
import { permitEvent } from '../../domain/permit/states.ts';
import { applyPermitEvent } from '../../store/permit/events.ts';
import { caseEvent } from '../../domain/case/states.ts';
import { applyCaseEvent } from '../../store/case/events.ts';
import { letterKind } from '../../domain/letter/kinds.ts';

type Input = { applicationId: string; appealResult: string; helseklageReference?: string; appealNotes?: string };

// Once per revocation: the permit runs again as before it was revoked.
async function reinstatePermit(tx: Knex.Transaction, applicationId: string, revocationId: string, now: Date) {
  const revocation = await tx('permit_revocations').where({ id: revocationId }).whereNull('reinstated_at').forUpdate().first();
  if (!revocation) return;
  await tx('permit_revocations').where({ id: revocationId }).update({ outcome: 'reversed-on-appeal', reinstated_at: now });
  await applyPermitEvent(tx, {
    permitId: revocation.permit_id,
    event: revocation.permit_state_before === 'extended' ? permitEvent.permitReinstatedExtended : permitEvent.permitReinstatedActive,
    qualifier: revocationId,
    actor: 'HDS',
    now,
    message: { name: message.permitReinstated, starts: true, variables: { applicationId, permitId: revocation.permit_id, revocationId } },
  });
}

export default defineWorker<Input, Record<string, never>>({
  topic: 'record-appeal-outcome',
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
  async handler({ applicationId, appealResult, helseklageReference, appealNotes }, { db, task, now }) {
    await db.transaction(async (tx) => {
      const [appeal] = await tx('appeals')
        .where({ process_instance_id: task.processInstanceId })
        .update({ outcome: appealResult, helseklage_reference: helseklageReference ?? null, decided_at: now() })
        .returning('revocation_id');
      const reversed = appealResult !== 'upheld-by-helseklage';
      const actor = helseklageReference ? 'Helseklage' : 'HDS';
      if (reversed && appeal?.revocation_id) await reinstatePermit(tx, applicationId, appeal.revocation_id, now());
      else if (reversed) await applyCaseEvent(tx, { applicationId, event: caseEvent.decisionReversed, qualifier: task.processInstanceId, actor, detail: { appealResult }, now: now() });
      await recordStep(tx, { applicationId, step: auditStep.appealDecided, qualifier: task.processInstanceId, actor, detail: { appealResult } });
      // HDS's own reversal is HDS's letter; Helseklage answers the appellant itself.
      if (appealResult === 'reversed') {
        const facts = { ...(await appealFacts(tx, task.processInstanceId)), notes: appealNotes ?? '' };
        await sendCaseLetter(tx, { applicationId, kind: letterKind.appealReversed, qualifier: task.processInstanceId, facts, now: now() });
      }
    });
    return {};
  },
});
