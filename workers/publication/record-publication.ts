// Publishes a decision as the caseworker approved it in the publication task: the public
// reasons, and the title, summary and institution name, screened again as the caseworker left
// them. Findings not cleared, a missing text, go back to the form with the reason (BPMN error
// publication-invalid), never an incident.
import { auditStep } from '../../domain/audit-steps.ts';
import { publicationProblems, screenPublication } from '../../domain/publication/decision-publication.ts';
import { findingsText } from '../../domain/publication/public-summary.ts';
import { personsNamedIn } from '../../domain/publication/screening.ts';
import { recordStep } from '../../platform/audit.ts';
import { publicationToPrepare, publishDecision } from '../../store/publication/decision-publications.ts';
import { loadApplication } from '../case/case-file.ts';
import { BusinessError, caseInput, defineWorker, InvalidJobInput, RetryableError } from '../declaration.ts';

type Input = {
  applicationId: string;
  publicTitle?: string | null;
  publicSummary?: string | null;
  publicInstitution?: string | null;
  publicReasons?: string | null;
  publicationFindingsCleared?: boolean | null;
};

const nullableText = { type: ['string', 'null'] };

export default defineWorker<Input, { publicationProblem: ''; publicationFindings: string }>({
  topic: 'record-publication',
  input: caseInput({ publicTitle: nullableText, publicSummary: nullableText, publicInstitution: nullableText, publicReasons: nullableText, publicationFindingsCleared: { type: ['boolean', 'null'] } }),
  async handler(input, { db, task, now, userTasks }) {
    const { applicationId } = input;
    const publishedBy = await userTasks.completedBy(task.processInstanceId, 'publish-decision');
    if (publishedBy === undefined) throw new RetryableError('The engine has no completed publication task for this case yet');
    if (publishedBy === null) throw new InvalidJobInput('The publication task was completed without an assignee; claim it in Tasklist first');
    const [publication, { submission }] = await Promise.all([publicationToPrepare(db, applicationId), loadApplication(db, applicationId)]);
    if (!publication) throw new InvalidJobInput(`Application ${applicationId} has no decision to publish`);
    const approval = { title: input.publicTitle, summary: input.publicSummary, institution: input.publicInstitution, reasons: input.publicReasons, findingsCleared: input.publicationFindingsCleared === true };
    const findings = screenPublication(approval, personsNamedIn(submission));
    const problems = publicationProblems(publication.outcome, approval, findings);
    if (problems.length > 0) {
      const problem = problems.join('\n');
      await recordStep(db, { applicationId, step: auditStep.decisionPublicationReturned, qualifier: task.id, actor: publishedBy, detail: { problem } });
      throw new BusinessError('publication-invalid', problem, { publicationProblem: problem, publicationFindings: findingsText(findings) });
    }
    await db.transaction((tx) =>
      publishDecision(tx, {
        applicationId,
        title: approval.title!,
        summary: approval.summary ?? null,
        institution: approval.institution!,
        reasons: approval.reasons ?? null,
        findings,
        publishedBy,
        now: now(),
        qualifier: task.id,
      }),
    );
    return { publicationProblem: '', publicationFindings: findingsText(findings) };
  },
});
