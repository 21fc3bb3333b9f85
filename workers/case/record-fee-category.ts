// Records the applicant's fee category as the caseworker confirmed it in the completeness task
// (EHDS, Regulation (EU) 2025/327, Art. 62(3)): the submission only claims it, and what the
// fee table reads is the confirmed one, from the case file. A Norwegian case has no reduced
// fees, so nothing is confirmed for it. Gives feeCategory as recorded for the fee table.
import { isFeeCategory, noFeeCategory } from '../../domain/case/fee-category.ts';
import { recordFeeCategory } from '../../store/case/fee-category.ts';
import { loadApplication } from './case-file.ts';
import { caseInput, defineWorker, InvalidJobInput, RetryableError } from '../declaration.ts';

export default defineWorker<{ applicationId: string; feeCategory?: string }, { feeCategory: string }>({
  topic: 'record-fee-category',
  input: caseInput({ feeCategory: { type: 'string' } }),
  async handler({ applicationId, feeCategory }, { db, task, now, userTasks }) {
    const { rulebook } = await loadApplication(db, applicationId);
    if (rulebook !== 'ehds') return { feeCategory: noFeeCategory };
    const confirmedBy = await userTasks.completedBy(task.processInstanceId, 'check-completeness');
    if (confirmedBy === undefined) throw new RetryableError('The engine has no completed completeness check for this case yet');
    if (confirmedBy === null) throw new InvalidJobInput('The completeness check was completed without an assignee; claim it in Tasklist first');
    if (feeCategory !== undefined && feeCategory !== noFeeCategory && !isFeeCategory(feeCategory)) throw new InvalidJobInput(`${feeCategory} is not a fee category`);
    const category = isFeeCategory(feeCategory) ? feeCategory : null;
    await db.transaction((tx) => recordFeeCategory(tx, { applicationId, category, confirmedBy, now: now(), qualifier: task.id }));
    return { feeCategory: category ?? noFeeCategory };
  },
});
