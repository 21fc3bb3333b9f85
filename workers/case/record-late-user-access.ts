// The user's access was due (2 months after the holders' last delivery, Art. 68(7)) and is not
// given: the case file records it (GET /stats counts it) and the caseworker's task stays open,
// past its due date in Tasklist. Access given meanwhile is not marked.
import { markUserAccessLate } from '../../store/case/user-access.ts';
import { requireEhdsCase } from './case-file.ts';
import { caseInput, defineWorker } from '../declaration.ts';

export default defineWorker<{ applicationId: string }, Record<string, never>>({
  topic: 'record-late-user-access',
  input: caseInput(),
  async handler({ applicationId }, { db, now }) {
    await requireEhdsCase(db, applicationId);
    await db.transaction((tx) => markUserAccessLate(tx, applicationId, now()));
    return {};
  },
});
