// Records how an appeal ended: reversed by HDS, or decided by Helseklage.
import { recordStep } from '../service/audit.ts';
import { setStatus } from './case-file.ts';
import { defineWorker } from './declaration.ts';
import { sendCaseLetter } from '../service/letters/case-letter.ts';
import { appealFacts } from './case-file.ts';

type Input = { applicationId: string; appealResult: string; helseklageReference?: string; appealNotes?: string };

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
      await tx('appeals')
        .where({ process_instance_key: job.processInstanceKey })
        .update({ outcome: appealResult, helseklage_reference: helseklageReference ?? null, decided_at: now() });
      if (appealResult !== 'upheld-by-helseklage') await setStatus(tx, applicationId, 'decision-reversed', now());
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
