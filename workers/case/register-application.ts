// Registers a received application, ties it to its process instance and sets the facts that
// route the case (registers named, purpose, data kind, linkage), the fee category the applicant
// claims (for the completeness check to confirm), and the texts every form shows.
// The completeness form starts from the proposed public title and summary with the screening's
// findings. The day it was received and the EHDS pilot's first day go to the decision table that
// chooses the case's rulebook (bpmn/rulebook.dmn); record-rulebook then acknowledges receipt
// with the statutory period of that rulebook.
import { caseFacts } from '../../domain/case/facts.ts';
import { caseSummary } from '../../domain/case/summary.ts';
import { feeCategoryFacts } from '../../domain/case/fee-category.ts';
import { publicationProposal } from '../../domain/publication/public-summary.ts';
import { personsNamedIn } from '../../domain/publication/screening.ts';
import { osloDay } from '../../domain/working-days.ts';
import { loadApplication } from './case-file.ts';
import { defineWorker } from '../declaration.ts';
import { caseEvent } from '../../domain/case/states.ts';
import { applyCaseEvent } from '../../store/case/events.ts';
import { ehdsPilotFrom } from '../../platform/config.ts';

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
      const receivedOn = osloDay(application.received_at);
      return {
        applicationReference: application.reference,
        receivedOn,
        ehdsPilotFrom: ehdsPilotFrom(),
        ...caseFacts(application.submission),
        ...caseSummary(application.submission, receivedOn),
        ...feeCategoryFacts(application.submission),
        ...publicationProposal(
          { title: application.submission.project?.publicTitle, summary: application.submission.project?.publicSummary, institution: application.submission.institution?.name },
          application.submission.project?.title ?? '',
          personsNamedIn(application.submission),
        ),
      };
    });
  },
});
