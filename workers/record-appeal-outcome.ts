// Records how an appeal ended: reversed by HDS, or decided by Helseklage.
import { recordStep } from '../service/audit.ts';
import { setStatus } from './case-file.ts';
import { defineWorker } from './declaration.ts';

type Input = { applicationId: string; appealResult: string; helseklageReference?: string };

export default defineWorker<Input, Record<string, never>>({
  taskType: 'record-appeal-outcome',
  input: {
    type: 'object',
    properties: {
      applicationId: { type: 'string', format: 'uuid' },
      appealResult: { type: 'string', enum: ['reversed', 'reversed-by-helseklage', 'upheld-by-helseklage'] },
      helseklageReference: { type: 'string' },
    },
    required: ['applicationId', 'appealResult'],
  },
  async handler({ applicationId, appealResult, helseklageReference }, { db, job, now }) {
    await db.transaction(async (tx) => {
      await tx('appeals')
        .where({ process_instance_key: job.processInstanceKey })
        .update({ outcome: appealResult, helseklage_reference: helseklageReference ?? null, decided_at: now() });
      if (appealResult !== 'upheld-by-helseklage') await setStatus(tx, applicationId, 'decision-reversed', now());
      await recordStep(tx, { applicationId, step: `appeal-decided:${job.processInstanceKey}`, actor: helseklageReference ? 'Helseklage' : 'HDS', detail: { appealResult } });
    });
    return {};
  },
});
