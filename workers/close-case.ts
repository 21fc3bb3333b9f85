// Closes a case once every custodian has delivered.
import { recordStep } from '../service/audit.ts';
import { setStatus } from './case-file.ts';
import { caseInput, defineWorker } from './declaration.ts';

export default defineWorker<{ applicationId: string }, Record<string, never>>({
  taskType: 'close-case',
  input: caseInput(),
  async handler({ applicationId }, { db, now }) {
    await db.transaction(async (tx) => {
      await setStatus(tx, applicationId, 'closed', now());
      await recordStep(tx, { applicationId, step: 'closed', actor: 'system' });
    });
    return {};
  },
});
