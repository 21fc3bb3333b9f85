// Registers a received application, ties it to its process instance and sets the facts that
// route the case (registers named, purpose, data kind, linkage), and the texts every form shows.
// The completeness form starts from the proposed public title and summary with the screening's
// findings. The acknowledgement gives the statutory deadline and, when the case already has one, the
// forecast's expected date and interval as GET /applications/{id} shows them.
import { caseFacts } from '../../domain/case/facts.ts';
import { caseSummary } from '../../domain/case/summary.ts';
import { publicationProposal } from '../../domain/publication/public-summary.ts';
import { personsNamedIn } from '../../domain/publication/screening.ts';
import { osloDay } from '../../domain/working-days.ts';
import { loadApplication } from './case-file.ts';
import { defineWorker } from '../declaration.ts';
import { rules, statutoryWorkingDays } from '../../domain/deadlines.ts';
import { readCaseForecast } from '../../store/forecast/store.ts';
import { sendCaseLetter } from '../../store/letter/case-letter.ts';
import { caseEvent } from '../../domain/case/states.ts';
import { letterKind } from '../../domain/letter/kinds.ts';
import { applyCaseEvent } from '../../store/case/events.ts';

export default defineWorker<{ applicationId: string }, Record<string, unknown>>({
  topic: 'register-application',
  input: {
    type: 'object',
    properties: { applicationId: { type: 'string', format: 'uuid' } },
    required: ['applicationId'],
  },
  async handler({ applicationId }, { db, task, now }) {
    return db.transaction(async (tx) => {
      const application = await loadApplication(tx, applicationId);
      await applyCaseEvent(tx, { applicationId, event: caseEvent.registered, actor: 'system', detail: { processInstanceId: task.processInstanceId }, now: now() });
      await tx('applications').where({ id: applicationId }).update({ process_instance_id: task.processInstanceId });
      const facts = caseFacts(application.submission);
      await sendCaseLetter(tx, {
        applicationId,
        kind: letterKind.acknowledgement,
        facts: {
          statutoryWorkingDays: statutoryWorkingDays(facts.sourcesLinked),
          sourcesLinked: facts.sourcesLinked,
          supplementWorkingDays: rules.supplementWorkingDays,
          forecastDecision: (await readCaseForecast(tx, applicationId))?.decision ?? null,
        },
        now: now(),
      });
      return {
        applicationReference: application.reference,
        ...facts,
        ...caseSummary(application.submission, osloDay(application.received_at)),
        ...publicationProposal(
          { title: application.submission.project?.publicTitle, summary: application.submission.project?.publicSummary, institution: application.submission.institution?.name },
          application.submission.project?.title ?? '',
          personsNamedIn(application.submission),
        ),
      };
    });
  },
});
