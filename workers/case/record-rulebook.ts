// Records the rulebook the decision table chose for the case (bpmn/rulebook.dmn) in the case
// file, where every later rule reads it, and gives the forms the rulebook and the statutory
// period it sets.
import { statutoryPeriodText } from '../../domain/case/summary.ts';
import { isRulebookId, rulebookIds, rulebooks } from '../../domain/rulebook/rulebooks.ts';
import { loadApplication } from './case-file.ts';
import { caseInput, defineWorker, InvalidJobInput } from '../declaration.ts';

type Output = { rulebookText: string; statutoryPeriodText: string };

export default defineWorker<{ applicationId: string; rulebook: string }, Output>({
  topic: 'record-rulebook',
  // A table with no matching row yields null: that must stop the case, not guess.
  input: caseInput({ rulebook: { type: 'string', enum: rulebookIds } }, ['rulebook']),
  async handler({ applicationId, rulebook }, { db, now }) {
    return db.transaction(async (tx) => {
      // Recorded once: a retried job, or a case going round again, keeps the first choice.
      await tx('applications').where({ id: applicationId }).whereNull('rulebook').update({ rulebook, updated_at: now() });
      const application = await loadApplication(tx, applicationId);
      if (!isRulebookId(application.rulebook)) throw new InvalidJobInput(`Application ${applicationId} has no known rulebook: ${application.rulebook}`);
      return {
        rulebookText: rulebooks[application.rulebook].name,
        statutoryPeriodText: statutoryPeriodText(application.submission, application.rulebook),
      };
    });
  },
});
