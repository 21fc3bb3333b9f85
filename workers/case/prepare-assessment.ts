// Fills the source slots of the assessment and decision forms: one slot per source the
// application asks for, each granted with every variable asked, for the caseworker to change.
// Tells the decision form whether the approver may offer anonymised statistics instead of a
// refusal (EHDS Art. 68(3): only a rulebook with that rule, and not for a request for
// statistics), with the offer's fields empty.
import { askedSources, slotVariables } from '../../domain/case/decision.ts';
import { statisticsOfferRule } from '../../domain/case/statistics-offer.ts';
import { isRulebookId } from '../../domain/rulebook/rulebooks.ts';
import { loadApplication } from './case-file.ts';
import { caseInput, defineWorker } from '../declaration.ts';

export default defineWorker<{ applicationId: string }, Record<string, string | boolean | null>>({
  topic: 'prepare-assessment',
  input: caseInput(),
  async handler({ applicationId }, { db }) {
    const { submission, rulebook, application_type: applicationType } = await loadApplication(db, applicationId);
    const statisticsOfferAvailable = isRulebookId(rulebook) && statisticsOfferRule(rulebook, applicationType) !== null;
    return {
      ...slotVariables(askedSources(submission.dataSources)),
      assessmentProblem: null,
      decisionProblem: null,
      statisticsOfferAvailable,
      offerStatistics: false,
      statisticsOfferText: '',
    };
  },
});
