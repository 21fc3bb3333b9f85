// Records that a caseworker checked the custodians' aggregated figures (disclosure control) and
// sent the statistics to the applicant: who (the task's assignee in the engine's history), when
// and what was sent; the case closes as delivered. A task completed without the confirmation or
// without saying what was sent goes back to the form with the reason (BPMN error
// statistics-release-invalid), never an incident.
import { auditStep } from '../../domain/audit-steps.ts';
import { statisticsReleaseProblem } from '../../domain/case/statistics-request.ts';
import { recordStep } from '../../platform/audit.ts';
import { releaseStatistics } from '../../store/case/statistics-answers.ts';
import { requireStatisticsRequest } from './case-file.ts';
import { BusinessError, caseInput, defineWorker, InvalidJobInput, RetryableError } from '../declaration.ts';

type Input = { applicationId: string; disclosureControlConfirmed?: boolean | null; statisticsReleasedText?: string | null };

export default defineWorker<Input, { statisticsReleaseProblem: '' }>({
  topic: 'record-statistics-release',
  input: caseInput({ disclosureControlConfirmed: { type: ['boolean', 'null'] }, statisticsReleasedText: { type: ['string', 'null'] } }),
  async handler({ applicationId, disclosureControlConfirmed, statisticsReleasedText }, { db, task, now, userTasks }) {
    await requireStatisticsRequest(db, applicationId);
    const releasedBy = await userTasks.completedBy(task.processInstanceId, 'release-statistics');
    if (releasedBy === undefined) throw new RetryableError('The engine has no completed release task for this case yet');
    if (releasedBy === null) throw new InvalidJobInput('The release task was completed without an assignee; claim it in Tasklist first');
    const problem = statisticsReleaseProblem({ disclosureControlConfirmed, releasedText: statisticsReleasedText });
    if (problem) {
      await recordStep(db, { applicationId, step: auditStep.statisticsReleaseReturned, qualifier: task.id, actor: releasedBy, detail: { problem } });
      throw new BusinessError('statistics-release-invalid', problem, { statisticsReleaseProblem: problem });
    }
    await db.transaction((tx) => releaseStatistics(tx, applicationId, { releasedBy, releasedText: statisticsReleasedText!.trim(), now: now() }));
    return { statisticsReleaseProblem: '' };
  },
});
