// Records the caseworker's legal assessment: the findings, the proposed decision per source
// (the approver's form starts from it), the hours it took and who made it (the engine's record
// of who completed the task, which the decision step holds against the approver). Hours out of
// range or a proposal that cannot be decided send the task back to the caseworker with the
// reason. The case then waits for the approver's decision, whose form shows the assessment
// read-only (assessmentTexts). A request for anonymised statistics is assessed in its own task
// (domain/case/statistics-request.ts): what it finds is how the output is aggregated and that
// small cells are suppressed, and its proposal gives no dispensation.
import { auditStep } from '../../domain/audit-steps.ts';
import { caseEvent } from '../../domain/case/states.ts';
import { askedSources, decisionProblem, deriveOutcome, hoursProblem, hoursValue, slotVariableNames, sourcesFromSlots } from '../../domain/case/decision.ts';
import { assessmentTexts, type AssessmentFindings, type AssessmentTexts } from '../../domain/case/assessment-text.ts';
import { caseTasks, isStatisticsRequest, statisticsAssessmentProblem, statisticsDecisionProblem, type StatisticsFindings } from '../../domain/case/statistics-request.ts';
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
  aggregationLevel?: string;
  smallCellsSuppressed?: boolean;
  [slot: string]: unknown;
};

const findingNames = ['confidentialityBasis', 'purposeWithinRegisterPurposes', 'legalBasisConfirmed', 'dataMinimisationConfirmed'] as const;
const statisticsFindingNames = ['purposeWithinRegisterPurposes', 'aggregationLevel', 'smallCellsSuppressed'] as const;

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
      aggregationLevel: { type: 'string' },
      smallCellsSuppressed: { type: 'boolean' },
      ...Object.fromEntries(slotVariableNames().map((name) => [name, {}])),
    },
    required: ['applicationId', 'hoursSpent'],
  },
  async handler(input, { db, task, now, userTasks }) {
    const { applicationId, hoursSpent, assessmentNotes } = input;
    const { submission, application_type: applicationType } = await loadApplication(db, applicationId);
    const assessedBy = await userTasks.completedBy(task.processInstanceId, caseTasks(applicationType).assessment);
    if (assessedBy === undefined) throw new RetryableError('The engine has no completed assessment task for this case yet');
    if (assessedBy === null) throw new InvalidJobInput('The assessment task was completed without an assignee; claim it in Tasklist first');
    const statistics = isStatisticsRequest(applicationType);
    const asked = askedSources(submission.dataSources);
    const proposal = sourcesFromSlots(input);
    const found = Object.fromEntries((statistics ? statisticsFindingNames : findingNames).map((name) => [name, input[name]]));
    const problem =
      hoursProblem(hoursSpent) ??
      decisionProblem(asked, proposal) ??
      (statistics ? (statisticsDecisionProblem(proposal) ?? statisticsAssessmentProblem(proposal, found as StatisticsFindings)) : null);
    if (problem) {
      await recordStep(db, { applicationId, step: auditStep.assessmentReturned, qualifier: task.id, actor: assessedBy, detail: { problem } });
      throw new BusinessError('assessment-invalid', problem, { assessmentProblem: problem });
    }
    const recommendation = deriveOutcome(asked, proposal);
    const findings = found as AssessmentFindings & StatisticsFindings;
    await db.transaction(async (tx) => {
      await tx('assessments')
        .insert({ application_id: applicationId, recommendation, hours_spent: hoursValue(hoursSpent), assessed_by: assessedBy, findings: { ...findings, notes: assessmentNotes, proposal }, assessed_at: now() })
        .onConflict('application_id')
        .merge();
      await applyCaseEvent(tx, { applicationId, event: caseEvent.assessed, now: now(), qualifier: task.id, actor: assessedBy, detail: { recommendation, hoursSpent: hoursValue(hoursSpent) } });
    });
    return { assessedBy, recommendation, assessmentProblem: null, ...assessmentTexts(proposal, findings, assessmentNotes, statistics) };
  },
});
