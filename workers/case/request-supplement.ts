// Asks the applicant for what is missing, within the supplement window of the case's rulebook
// (read from the case file): 10 working days under the Norwegian rules, after which a reminder
// gives 5 more; 4 weeks in all under EHDS (domain/rulebook/supplement-window.ts).
import { defineWorker, InvalidJobInput } from '../declaration.ts';
import { sendCaseLetter } from '../../store/letter/case-letter.ts';
import { osloDay } from '../../domain/working-days.ts';
import { caseEvent } from '../../domain/case/states.ts';
import { applyCaseEvent } from '../../store/case/events.ts';
import { recordSupplementRequest } from '../../store/case/supplement-requests.ts';
import { letterKind } from '../../domain/letter/kinds.ts';
import { isRulebookId } from '../../domain/rulebook/rulebooks.ts';
import { supplementDueAt, supplementWindowFacts } from '../../domain/rulebook/supplement-window.ts';
import { loadApplication } from './case-file.ts';

type Input = { applicationId: string; missingItems?: string; rekApprovalMissing?: boolean };

export default defineWorker<Input, { supplementDueAt: string; missingItems: string }>({
  topic: 'request-supplement',
  input: {
    type: 'object',
    properties: {
      applicationId: { type: 'string', format: 'uuid' },
      missingItems: { type: 'string' },
      rekApprovalMissing: { type: 'boolean' },
    },
    required: ['applicationId'],
  },
  async handler({ applicationId, missingItems, rekApprovalMissing }, { db, task, now }) {
    const missing = rekApprovalMissing ? 'Forhåndsgodkjenning fra REK' : (missingItems ?? 'Opplysninger etter kompletthetsvurdering');
    const { rulebook } = await loadApplication(db, applicationId);
    if (!isRulebookId(rulebook)) throw new InvalidJobInput(`Application ${applicationId} has no rulebook recorded (record-rulebook sets it)`);
    const dueAt = supplementDueAt(rulebook, now());
    await db.transaction(async (tx) => {
      await applyCaseEvent(tx, { applicationId, event: caseEvent.supplementRequested, now: now(), qualifier: task.id, actor: 'system', detail: { missing, dueAt } });
      await recordSupplementRequest(tx, { applicationId, requestKey: task.id, missing, requestedAt: now(), dueAt });
      await sendCaseLetter(tx, {
        applicationId,
        kind: letterKind.supplementRequest,
        qualifier: task.id,
        facts: { missing, dueOn: osloDay(dueAt), ...supplementWindowFacts(rulebook) },
        now: now(),
      });
    });
    return { supplementDueAt: dueAt.toISOString(), missingItems: missing, rekApprovalMissing: false };
  },
});
