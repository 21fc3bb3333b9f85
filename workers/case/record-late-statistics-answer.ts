// The answer to a granted request for anonymised statistics was due (rule statistics-answer)
// and the statistics are not released: the case file records it (GET /stats counts it per
// rulebook) and the caseworker's task stays open, past its due date in Tasklist.
import { markStatisticsAnswerLate } from '../../store/case/statistics-answers.ts';
import { requireStatisticsRequest } from './case-file.ts';
import { caseInput, defineWorker } from '../declaration.ts';

export default defineWorker<{ applicationId: string }, Record<string, never>>({
  topic: 'record-late-statistics-answer',
  input: caseInput(),
  async handler({ applicationId }, { db, now }) {
    await requireStatisticsRequest(db, applicationId);
    await db.transaction((tx) => markStatisticsAnswerLate(tx, applicationId, now()));
    return {};
  },
});
