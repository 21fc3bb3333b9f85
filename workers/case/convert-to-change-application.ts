// A data update that goes beyond the decision it updates, or refers to no granting HDS
// decision, is a change application: it is assessed as one and priced as one.
import { caseInput, defineWorker } from '../declaration.ts';
import { caseEvent } from '../../domain/case/states.ts';
import { applyCaseEvent } from '../../store/case/events.ts';

// Said to the applicant when the caseworker gave no note and the check listed nothing.
const withoutStatedReason = 'Dataoppdateringen ligger utenfor det tidligere vedtaket og behandles som endringssøknad.';

type Input = { applicationId: string; earlierDecisionProblem?: string; updateDifferences?: string; updateCheckNotes?: string };

export default defineWorker<Input, { applicationType: string }>({
  topic: 'convert-to-change-application',
  input: caseInput({ earlierDecisionProblem: { type: 'string' }, updateDifferences: { type: 'string' }, updateCheckNotes: { type: 'string' } }),
  async handler({ applicationId, earlierDecisionProblem, updateDifferences, updateCheckNotes }, { db, now }) {
    await db.transaction(async (tx) => {
      const reason = updateCheckNotes || earlierDecisionProblem || updateDifferences || withoutStatedReason;
      await applyCaseEvent(tx, { applicationId, event: caseEvent.convertedToChange, actor: 'system', detail: { from: 'data-update', reason }, now: now() });
      await tx('applications')
        .where({ id: applicationId })
        .update({ application_type: 'change', type_changed_from: 'data-update', type_change_reason: reason, type_changed_at: now(), updated_at: now() });
    });
    return { applicationType: 'change' };
  },
});
