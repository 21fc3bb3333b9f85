// The applicant accepted anonymised statistics instead of the refusal (EHDS Art. 68(3)): the case
// becomes a request for anonymised statistics (its type and data kind changed, with the change
// recorded) and goes on to the statistics production of such a request, its answer deadline
// counted from the acceptance (rule statistics-answer). The refusal stays recorded and published.
import { statisticsRequestType } from '../../domain/case/statistics-request.ts';
import { norwegianDate, osloDay } from '../../domain/working-days.ts';
import { planStatisticsAnswer } from '../../store/case/statistics-answers.ts';
import { convertToStatisticsRequest, statisticsOfferOf } from '../../store/case/statistics-offers.ts';
import { requireEhdsCase } from './case-file.ts';
import { caseInput, defineWorker, InvalidJobInput } from '../declaration.ts';

type Output = { applicationType: string; dataKind: string; statisticsAnswerDueAt: string; statisticsAnswerDueText: string; decidedText: string };

export default defineWorker<{ applicationId: string }, Output>({
  topic: 'convert-to-statistics-request',
  input: caseInput(),
  async handler({ applicationId }, { db, now }) {
    await requireEhdsCase(db, applicationId);
    const offer = await statisticsOfferOf(db, applicationId);
    if (offer?.answer !== 'accept' || !offer.answered_at) throw new InvalidJobInput(`Case ${applicationId} has no accepted offer of statistics in the case file`);
    const acceptedAt = new Date(offer.answered_at);
    const planned = await db.transaction(async (tx) => {
      await convertToStatisticsRequest(tx, applicationId, now());
      return planStatisticsAnswer(tx, applicationId, { rulebook: 'ehds', decidedAt: acceptedAt, now: now() });
    });
    const dueAt = new Date(planned.due_at);
    return { applicationType: statisticsRequestType, dataKind: 'anonymous', statisticsAnswerDueAt: dueAt.toISOString(), statisticsAnswerDueText: norwegianDate(osloDay(dueAt)), decidedText: norwegianDate(osloDay(acceptedAt)) };
  },
});
