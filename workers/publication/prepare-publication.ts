// Prepares the publication task of a decision: what the decision was and refused, when it must
// be published (the case file's due date, which the task and the timer take as
// publicationDueAt), and the text the caseworker starts from: what was approved earlier, else
// the applicant's proposal (title, summary, institution), screened for personal data.
import { publicOutcomeNames, proposedPublicReasons, refusalsText, screenPublication } from '../../domain/publication/decision-publication.ts';
import { findingsText, proposedTitle } from '../../domain/publication/public-summary.ts';
import { personsNamedIn } from '../../domain/publication/screening.ts';
import { norwegianDate, osloDay } from '../../domain/working-days.ts';
import { publicationToPrepare } from '../../store/publication/decision-publications.ts';
import { loadApplication } from '../case/case-file.ts';
import { caseInput, defineWorker, InvalidJobInput } from '../declaration.ts';

export default defineWorker<{ applicationId: string }, Record<string, string | boolean>>({
  topic: 'prepare-publication',
  input: caseInput(),
  async handler({ applicationId }, { db }) {
    const [publication, application] = await Promise.all([publicationToPrepare(db, applicationId), loadApplication(db, applicationId)]);
    if (!publication) throw new InvalidJobInput(`Application ${applicationId} has no decision to publish`);
    const { submission } = application;
    const text = publication.approved ?? {
      title: proposedTitle({ title: submission.project?.publicTitle }, submission.project?.title ?? ''),
      summary: submission.project?.publicSummary ?? null,
      institution: null,
    };
    const start = {
      title: text.title,
      summary: text.summary ?? '',
      institution: text.institution ?? submission.institution?.name ?? '',
      reasons: proposedPublicReasons(publication.outcome),
    };
    return {
      applicationReference: application.reference,
      decisionOutcomeText: publicOutcomeNames[publication.outcome],
      decidedText: norwegianDate(osloDay(publication.decidedAt)),
      publicationDueAt: publication.dueAt.toISOString(),
      publicationDueText: norwegianDate(osloDay(publication.dueAt)),
      refusedSourcesText: refusalsText(publication.refusals),
      publicTitle: start.title,
      publicSummary: start.summary,
      publicInstitution: start.institution,
      publicReasons: start.reasons,
      publicationFindings: findingsText(screenPublication(start, personsNamedIn(submission))),
      publicationFindingsCleared: false,
      publicationProblem: '',
    };
  },
});
