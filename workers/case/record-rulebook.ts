// Records the rulebook the decision table chose for the case (bpmn/rulebook.dmn) in the case
// file, where every later rule reads it, and acknowledges receipt to the applicant with the
// statutory period of that rulebook and, when the case already has one, the forecast's expected
// date and interval as GET /applications/{id} shows them. Gives the forms the rulebook and the
// statutory period it sets.
import { clockFacts } from '../../domain/case/facts.ts';
import { statutoryPeriodText } from '../../domain/case/summary.ts';
import { letterKind } from '../../domain/letter/kinds.ts';
import { durationText, isRulebookId, rulebookIds, rulebooks } from '../../domain/rulebook/rulebooks.ts';
import { decisionRule } from '../../domain/rulebook/statutory-clock.ts';
import { supplementWindowFacts } from '../../domain/rulebook/supplement-window.ts';
import { readCaseForecast } from '../../store/forecast/store.ts';
import { sendCaseLetter } from '../../store/letter/case-letter.ts';
import { loadApplication } from './case-file.ts';
import { caseInput, defineWorker, InvalidJobInput } from '../declaration.ts';

type Output = { rulebookText: string; statutoryPeriodText: string };

export default defineWorker<{ applicationId: string; rulebook: string }, Output>({
  topic: 'record-rulebook',
  // A table with no matching row yields null: that must stop the case, not guess.
  input: caseInput({ rulebook: { type: 'string', enum: rulebookIds } }, ['rulebook']),
  async handler({ applicationId, rulebook }, { db, now }) {
    return db.transaction(async (tx) => {
      // Recorded once: a retried job keeps the first choice.
      await tx('applications').where({ id: applicationId }).whereNull('rulebook').update({ rulebook, updated_at: now() });
      const application = await loadApplication(tx, applicationId);
      if (!isRulebookId(application.rulebook)) throw new InvalidJobInput(`Application ${applicationId} has no known rulebook: ${application.rulebook}`);
      const decision = decisionRule(application.rulebook, clockFacts(application.submission));
      await sendCaseLetter(tx, {
        applicationId,
        kind: letterKind.acknowledgement,
        facts: {
          statutoryPeriod: durationText(decision),
          statutoryArticle: decision.article,
          sourcesLinked: decision.id === 'decision-linked',
          ...supplementWindowFacts(application.rulebook),
          forecastDecision: (await readCaseForecast(tx, applicationId))?.decision ?? null,
        },
        now: now(),
      });
      return {
        rulebookText: rulebooks[application.rulebook].name,
        statutoryPeriodText: statutoryPeriodText(application.submission, application.rulebook),
      };
    });
  },
});
