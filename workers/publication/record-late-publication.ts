// The publication's due date passed with the decision unpublished: the case file records it
// (GET /stats counts it) and the publication task stays open. A decision published meanwhile
// is not marked.
import { markPublicationLate } from '../../store/publication/decision-publications.ts';
import { caseInput, defineWorker } from '../declaration.ts';

export default defineWorker<{ applicationId: string }, { publicationLate: boolean }>({
  topic: 'record-late-publication',
  input: caseInput(),
  async handler({ applicationId }, { db, now }) {
    return { publicationLate: await markPublicationLate(db, applicationId, now()) };
  },
});
