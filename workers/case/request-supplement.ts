// Asks the applicant for what is missing, with 10 working days to supply it.
import { rules, workingDaysAfter } from '../../domain/deadlines.ts';
import { defineWorker } from '../declaration.ts';
import { sendCaseLetter } from '../../store/letter/case-letter.ts';
import { osloDay } from '../../domain/working-days.ts';
import { caseEvent } from '../../domain/case/states.ts';
import { applyCaseEvent } from '../../store/case/events.ts';
import { recordSupplementRequest } from '../../store/case/supplement-requests.ts';
import { letterKind } from '../../domain/letter/kinds.ts';

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
    const dueAt = workingDaysAfter(now(), rules.supplementWorkingDays);
    await db.transaction(async (tx) => {
      await applyCaseEvent(tx, { applicationId, event: caseEvent.supplementRequested, now: now(), qualifier: task.id, actor: 'system', detail: { missing, dueAt } });
      await recordSupplementRequest(tx, { applicationId, requestKey: task.id, missing, requestedAt: now(), dueAt });
      await sendCaseLetter(tx, { applicationId, kind: letterKind.supplementRequest, qualifier: task.id, facts: { missing, dueOn: osloDay(dueAt) }, now: now() });
    });
    return { supplementDueAt: dueAt.toISOString(), missingItems: missing, rekApprovalMissing: false };
  },
});
