// Records the caseworker's legal assessment: the findings, the proposed decision per source
// (the approver's form starts from it), the hours it took and who made it (the engine's record
// of who completed the task, which the decision step holds against the approver). Hours out of
// range or a proposal that cannot be decided send the task back to the caseworker with the
// reason. The case then waits for the approver's decision, whose form shows the assessment
// read-only (assessmentTexts).
import { auditStep } from '../../domain/audit-steps.ts';
import { caseEvent } from '../../domain/case/states.ts';
import { askedSources, decisionProblem, deriveOutcome, hoursProblem, hoursValue, slotVariableNames, sourcesFromSlots } from '../../domain/case/decision.ts';
import { assessmentTexts, type AssessmentFindings, type AssessmentTexts } from '../../domain/case/assessment-text.ts';
import { recordStep } from '../../platform/audit.ts';
import { applyCaseEvent } from '../../store/case/events.ts';
import { loadApplication } from './case-file.ts';
import { BusinessError, defineWorker, InvalidJobInput, RetryableError } from '../declaration.ts';

type Input = {
  applicationId: string;
  hoursSpent: number | string;
  confidentialityBasis?: string;
  purposeWithinRegisterPurposes?: boolean;
  legalBasisConfirmed?: boolean;
  dataMinimisationConfirmed?: boolean;
  assessmentNotes?: string;
  [slot: string]: unknown;
};

const findingNames = ['confidentialityBasis', 'purposeWithinRegisterPurposes', 'legalBasisConfirmed', 'dataMinimisationConfirmed'] as const;

export default defineWorker<Input, { assessedBy: string; recommendation: string; assessmentProblem: null } & AssessmentTexts>({
  topic: 'record-assessment',
  input: {
    type: 'object',
    properties: {
      applicationId: { type: 'string', format: 'uuid' },
      // A number, or a text the domain reads (decimal comma); out of range goes back to the form.
      hoursSpent: { anyOf: [{ type: 'number' }, { type: 'string' }] },
      confidentialityBasis: { type: 'string' },
      purposeWithinRegisterPurposes: { type: 'boolean' },
      legalBasisConfirmed: { type: 'boolean' },
      dataMinimisationConfirmed: { type: 'boolean' },
      assessmentNotes: { type: 'string' },
      ...Object.fromEntries(slotVariableNames().map((name) => [name, {}])),
    },
    required: ['applicationId', 'hoursSpent'],
  },
  async handler(input, { db, task, now, userTasks }) {
    const { applicationId, hoursSpent, assessmentNotes } = input;
    const assessedBy = await userTasks.completedBy(task.processInstanceId, 'legal-assessment');
    if (assessedBy === undefined) throw new RetryableError('The engine has no completed assessment task for this case yet');
    if (assessedBy === null) throw new InvalidJobInput('The assessment task was completed without an assignee; claim it in Tasklist first');
    const { submission } = await loadApplication(db, applicationId);
    const asked = askedSources(submission.dataSources);
    const proposal = sourcesFromSlots(input);
    const problem = hoursProblem(hoursSpent) ?? decisionProblem(asked, proposal);
    if (problem) {
      await recordStep(db, { applicationId, step: auditStep.assessmentReturned, qualifier: task.id, actor: assessedBy, detail: { problem } });
      throw new BusinessError('assessment-invalid', problem, { assessmentProblem: problem });
    }
    const recommendation = deriveOutcome(asked, proposal);
    const findings = Object.fromEntries(findingNames.map((name) => [name, input[name]])) as AssessmentFindings;
    await db.transaction(async (tx) => {
      await tx('assessments')
        .insert({ application_id: applicationId, recommendation, hours_spent: hoursValue(hoursSpent), assessed_by: assessedBy, findings: { ...findings, notes: assessmentNotes, proposal }, assessed_at: now() })
        .onConflict('application_id')
        .merge();
      await applyCaseEvent(tx, { applicationId, event: caseEvent.assessed, now: now(), qualifier: task.id, actor: assessedBy, detail: { recommendation, hoursSpent: hoursValue(hoursSpent) } });
    });
    return { assessedBy, recommendation, assessmentProblem: null, ...assessmentTexts(proposal, findings, assessmentNotes) };
  },
});
