// Records the public title, lay summary and institution name the caseworker approved in the completeness task
// (when the application is complete), in the case file: the only free text about the case
// that public pages show. The text is screened for personal data again as the caseworker left
// it; findings not cleared, or no title, go back to the completeness form with the reason
// (BPMN error public-summary-invalid), never an incident.
import { auditStep } from '../../domain/audit-steps.ts';
import { approvalProblems, findingsText, screenSummary } from '../../domain/publication/public-summary.ts';
import { personsNamedIn } from '../../domain/publication/screening.ts';
import { recordStep } from '../../platform/audit.ts';
import { approvePublicSummary } from '../../store/publication/public-summaries.ts';
import { loadApplication } from './case-file.ts';
import { BusinessError, caseInput, defineWorker, InvalidJobInput, RetryableError } from '../declaration.ts';

type Input = { applicationId: string; publicTitle?: string | null; publicSummary?: string | null; publicInstitution?: string | null; publicationFindingsCleared?: boolean | null };
type Output = { publicationProblem: ''; publicationFindings: string; publicationFindingsCleared: false };

const nullableText = { type: ['string', 'null'] };

export default defineWorker<Input, Output>({
  topic: 'record-public-summary',
  input: caseInput({ publicTitle: nullableText, publicSummary: nullableText, publicInstitution: nullableText, publicationFindingsCleared: { type: ['boolean', 'null'] } }),
  async handler({ applicationId, publicTitle, publicSummary, publicInstitution, publicationFindingsCleared }, { db, task, now, userTasks }) {
    const approvedBy = await userTasks.completedBy(task.processInstanceId, 'check-completeness');
    if (approvedBy === undefined) throw new RetryableError('The engine has no completed completeness check for this case yet');
    if (approvedBy === null) throw new InvalidJobInput('The completeness check was completed without an assignee; claim it in Tasklist first');
    const { submission } = await loadApplication(db, applicationId);
    const approval = { title: publicTitle, summary: publicSummary, institution: publicInstitution, findingsCleared: publicationFindingsCleared === true };
    const findings = screenSummary(approval, personsNamedIn(submission));
    const problems = approvalProblems(approval, findings);
    if (problems.length > 0) {
      const problem = problems.join('\n');
      await recordStep(db, { applicationId, step: auditStep.publicSummaryReturned, qualifier: task.id, actor: approvedBy, detail: { problem } });
      throw new BusinessError('public-summary-invalid', problem, { publicationProblem: problem, publicationFindings: findingsText(findings) });
    }
    await db.transaction((tx) => approvePublicSummary(tx, { applicationId, title: publicTitle!, summary: publicSummary, institution: publicInstitution!, findings, approvedBy, now: now(), qualifier: task.id }));
    // A later completeness check (after a supplement) asks for the clearance again.
    return { publicationProblem: '', publicationFindings: findingsText(findings), publicationFindingsCleared: false };
  },
});
