// Records that the data were made available to the user in the secure processing environment
// (Art. 68(7)): by the caseworker who completed the task, as the engine's history names them,
// and when. A task completed without the confirmation goes back to the form with the reason
// (BPMN error user-access-invalid), never an incident.
import { auditStep } from '../../domain/audit-steps.ts';
import { recordStep } from '../../platform/audit.ts';
import { recordUserAccess } from '../../store/case/user-access.ts';
import { requireEhdsCase } from './case-file.ts';
import { BusinessError, caseInput, defineWorker, InvalidJobInput, RetryableError } from '../declaration.ts';

type Input = { applicationId: string; userAccessGiven?: boolean | null; userAccessNote?: string | null };

export const notConfirmed = 'Kryss av for at dataene er gjort tilgjengelige for brukeren i det sikre analysemiljøet før du fullfører oppgaven. Er de ikke det ennå, lar du oppgaven stå til de er det.';

export default defineWorker<Input, { userAccessProblem: '' }>({
  topic: 'record-user-access',
  input: caseInput({ userAccessGiven: { type: ['boolean', 'null'] }, userAccessNote: { type: ['string', 'null'] } }),
  async handler({ applicationId, userAccessGiven, userAccessNote }, { db, task, now, userTasks }) {
    await requireEhdsCase(db, applicationId);
    const givenBy = await userTasks.completedBy(task.processInstanceId, 'make-data-available');
    if (givenBy === undefined) throw new RetryableError('The engine has no completed user-access task for this case yet');
    if (givenBy === null) throw new InvalidJobInput('The user-access task was completed without an assignee; claim it in Tasklist first');
    if (userAccessGiven !== true) {
      await recordStep(db, { applicationId, step: auditStep.userAccessReturned, qualifier: task.id, actor: givenBy, detail: { problem: notConfirmed } });
      throw new BusinessError('user-access-invalid', notConfirmed, { userAccessProblem: notConfirmed });
    }
    const note = userAccessNote?.trim() ? userAccessNote.trim() : null;
    await db.transaction((tx) => recordUserAccess(tx, applicationId, { givenBy, note, now: now() }));
    return { userAccessProblem: '' };
  },
});
