// Records the decision of the body a case was forwarded to, and closes the case. The decision
// names the body that made it (the custodian, REK, Helsedirektoratet), as the caseworker
// registered it (externalDecidedBy); a case registered before that names the deciding body.
import { defineWorker } from '../declaration.ts';
import { caseEvent } from '../../domain/case/states.ts';
import { applyCaseEvent } from '../../store/case/events.ts';

type Input = { applicationId: string; decidingBody: string; externalDecidedBy?: string; externalOutcome: string; externalDecisionReference: string };

export default defineWorker<Input, Record<string, never>>({
  topic: 'record-external-decision',
  input: {
    type: 'object',
    properties: {
      applicationId: { type: 'string', format: 'uuid' },
      decidingBody: { type: 'string' },
      externalDecidedBy: { type: 'string', minLength: 1 },
      externalOutcome: { type: 'string', enum: ['grant', 'partial-grant', 'refusal'] },
      externalDecisionReference: { type: 'string', minLength: 1 },
    },
    required: ['applicationId', 'decidingBody', 'externalOutcome', 'externalDecisionReference'],
  },
  async handler({ applicationId, decidingBody, externalDecidedBy, externalOutcome, externalDecisionReference }, { db, now }) {
    const decidedBy = externalDecidedBy ?? decidingBody;
    await db.transaction(async (tx) => {
      await tx('decisions')
        .insert({
          application_id: applicationId,
          decided_by_body: decidedBy,
          outcome: externalOutcome,
          external_reference: externalDecisionReference,
          decided_at: now(),
        })
        .onConflict('application_id')
        .ignore();
      await applyCaseEvent(tx, { applicationId, event: caseEvent.externalDecisionRecorded, now: now(), actor: decidedBy, detail: { outcome: externalOutcome, reference: externalDecisionReference } });
    });
    return {};
  },
});
