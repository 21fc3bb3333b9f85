// Closes a case once every custodian has delivered.
import { caseInput, defineWorker } from '../declaration.ts';
import { caseEvent } from '../../domain/case/states.ts';
import { applyCaseEvent } from '../../store/case/events.ts';

export default defineWorker<{ applicationId: string }, Record<string, never>>({
  topic: 'close-case',
  input: caseInput(),
  async handler({ applicationId }, { db, now }) {
    await db.transaction(async (tx) => {
      await applyCaseEvent(tx, { applicationId, event: caseEvent.closed, now: now(), actor: 'system' });
    });
    return {};
  },
});
