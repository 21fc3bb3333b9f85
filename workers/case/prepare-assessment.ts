// Fills the source slots of the assessment and decision forms: one slot per source the
// application asks for, each granted with every variable asked, for the caseworker to change.
import { askedSources, slotVariables } from '../../domain/case/decision.ts';
import { loadApplication } from './case-file.ts';
import { caseInput, defineWorker } from '../declaration.ts';

export default defineWorker<{ applicationId: string }, Record<string, string | boolean | null>>({
  topic: 'prepare-assessment',
  input: caseInput(),
  async handler({ applicationId }, { db }) {
    const { submission } = await loadApplication(db, applicationId);
    return { ...slotVariables(askedSources(submission.dataSources)), assessmentProblem: null, decisionProblem: null };
  },
});
