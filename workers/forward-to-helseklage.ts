// Sends an appeal HDS upholds its decision on to Helseklage.
import { recordStep } from '../service/audit.ts';
import { defineWorker } from './declaration.ts';

export default defineWorker<{ applicationId: string; appealNotes?: string }, Record<string, never>>({
  taskType: 'forward-to-helseklage',
  input: {
    type: 'object',
    properties: { applicationId: { type: 'string', format: 'uuid' }, appealNotes: { type: 'string' } },
    required: ['applicationId'],
  },
  async handler({ applicationId, appealNotes }, { db, job }) {
    await recordStep(db, { applicationId, step: `appeal-forwarded:${job.processInstanceKey}`, actor: 'system', detail: { to: 'Helseklage', notes: appealNotes } });
    return {};
  },
});
