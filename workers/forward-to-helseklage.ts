// Sends an appeal HDS upholds its decision on to Helseklage.
import { recordStep } from '../service/audit.ts';
import { defineWorker } from './declaration.ts';
import { sendCaseLetter } from '../service/letters/case-letter.ts';
import { appealFacts } from './case-file.ts';
import { auditStep } from '../domain/audit-steps.ts';
import { letterKind } from '../domain/letter/kinds.ts';

export default defineWorker<{ applicationId: string; appealNotes?: string }, Record<string, never>>({
  taskType: 'forward-to-helseklage',
  input: {
    type: 'object',
    properties: { applicationId: { type: 'string', format: 'uuid' }, appealNotes: { type: 'string' } },
    required: ['applicationId'],
  },
  async handler({ applicationId, appealNotes }, { db, job, now }) {
    await db.transaction(async (tx) => {
      await recordStep(tx, { applicationId, step: auditStep.appealForwarded, qualifier: job.processInstanceKey, actor: 'system', detail: { to: 'Helseklage', notes: appealNotes } });
      const facts = { ...(await appealFacts(tx, job.processInstanceKey)), notes: appealNotes ?? '' };
      await sendCaseLetter(tx, { applicationId, kind: letterKind.appealToHelseklage, qualifier: job.processInstanceKey, facts, now: now() });
    });
    return {};
  },
});
