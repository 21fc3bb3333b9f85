// Forwards a case HDS does not decide to the body that does, and tracks it until that
// body's decision arrives.
import { recordStep } from '../service/audit.ts';
import { setStatus } from './case-file.ts';
import { defineWorker } from './declaration.ts';

export default defineWorker<{ applicationId: string; decidingBody: string }, Record<string, never>>({
  taskType: 'forward-application',
  input: {
    type: 'object',
    properties: { applicationId: { type: 'string', format: 'uuid' }, decidingBody: { type: 'string' } },
    required: ['applicationId', 'decidingBody'],
  },
  async handler({ applicationId, decidingBody }, { db, now }) {
    await db.transaction(async (tx) => {
      await setStatus(tx, applicationId, 'forwarded', now());
      await recordStep(tx, { applicationId, step: 'forwarded', actor: 'system', detail: { to: decidingBody } });
    });
    return {};
  },
});
