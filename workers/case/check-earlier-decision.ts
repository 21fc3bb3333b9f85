// Checks the decision an application refers to: an HDS reference must name a case of this
// service whose decision granted access; any other reference is shown as the applicant gave
// it. The completeness check shows the result and, when the reference does not hold, why.
import { checkEarlierDecision, referenceKind } from '../../domain/case/earlier-decision.ts';
import { recordStep } from '../../platform/audit.ts';
import { findReferencedCase, loadApplication } from './case-file.ts';
import { caseInput, defineWorker } from '../declaration.ts';
import { auditStep } from '../../domain/audit-steps.ts';

export default defineWorker<{ applicationId: string }, Record<string, unknown>>({
  topic: 'check-earlier-decision',
  input: caseInput(),
  async handler({ applicationId }, { db, task }) {
    // The case file's type, not the submitted one: a data update outside its decision has
    // become a change application.
    const { submission, application_type: applicationType } = await loadApplication(db, applicationId);
    const reference = submission.earlierDecisionReference;
    const found = referenceKind(reference) === 'hds' ? await findReferencedCase(db, reference!) : undefined;
    const result = checkEarlierDecision(applicationType, reference, found);
    await recordStep(db, {
      applicationId,
      step: auditStep.earlierDecisionChecked, qualifier: task.id,
      actor: 'system',
      detail: { reference: reference ?? null, valid: result.earlierDecisionValid, problem: result.earlierDecisionProblem || null },
    });
    return { ...result };
  },
});
