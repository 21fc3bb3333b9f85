// After the decision on a request for anonymised statistics: a grant gets its answer deadline
// from the decision (EHDS: a further 3 months, Art. 69(4); Norwegian rules: HDS's own period;
// rule statistics-answer), recorded in the case file (statistics_answers) before the letter
// that names it. Gives the release task its due date and the timer that records a late answer.
// A refusal has no answer to plan.
import { norwegianDate, osloDay } from '../../domain/working-days.ts';
import { planStatisticsAnswer } from '../../store/case/statistics-answers.ts';
import { requireStatisticsRequest } from './case-file.ts';
import { caseInput, defineWorker, InvalidJobInput } from '../declaration.ts';

type Output = { statisticsAnswerDueAt: string | null; statisticsAnswerDueText: string; decidedText: string };

export default defineWorker<{ applicationId: string }, Output>({
  topic: 'plan-statistics-answer',
  input: caseInput(),
  async handler({ applicationId }, { db, now }) {
    const { rulebook } = await requireStatisticsRequest(db, applicationId);
    const decision = await db('decisions').where({ application_id: applicationId }).first('outcome', 'decided_at');
    if (!decision) throw new InvalidJobInput(`Application ${applicationId} has no recorded decision to plan the answer from`);
    const decidedText = norwegianDate(osloDay(new Date(decision.decided_at)));
    if (decision.outcome === 'refusal') return { statisticsAnswerDueAt: null, statisticsAnswerDueText: '', decidedText };
    const planned = await db.transaction((tx) => planStatisticsAnswer(tx, applicationId, { rulebook, decidedAt: new Date(decision.decided_at), now: now() }));
    const dueAt = new Date(planned.due_at);
    return { statisticsAnswerDueAt: dueAt.toISOString(), statisticsAnswerDueText: norwegianDate(osloDay(dueAt)), decidedText };
  },
});
