// Sends an appeal HDS upholds its decision on to Helseklage.
import { recordStep } from '../../platform/audit.ts';
import { defineWorker } from '../declaration.ts';
import { sendCaseLetter } from '../../store/letter/case-letter.ts';
import { appealFacts } from './case-file.ts';
import { auditStep } from '../../domain/audit-steps.ts';
import { letterKind } from '../../domain/letter/kinds.ts';

export default defineWorker<{ applicationId: string; appealNotes?: string }, Record<string, never>>({
  topic: 'forward-to-helseklage',
  input: {
    type: 'object',
    properties: { applicationId: { type: 'string', format: 'uuid' }, appealNotes: { type: 'string' } },
    required: ['applicationId'],
  },
  async handler({ applicationId, appealNotes }, { db, task, now }) {
    await db.transaction(async (tx) => {
      await recordStep(tx, { applicationId, step: auditStep.appealForwarded, qualifier: task.processInstanceId, actor: 'system', detail: { to: 'Helseklage', notes: appealNotes } });
      const facts = { ...(await appealFacts(tx, task.processInstanceId)), notes: appealNotes ?? '' };
      await sendCaseLetter(tx, { applicationId, kind: letterKind.appealToHelseklage, qualifier: task.processInstanceId, facts, now: now() });
    });
    return {};
  },
});
