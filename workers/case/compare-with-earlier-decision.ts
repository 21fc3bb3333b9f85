// Opens the caseworker's check of a data update: compares it with the decision it updates
// (sources, variables, purpose, kind of data, linkage, the permit's period) and lists where it
// goes beyond that decision. The caseworker decides; the list is what they check against.
import { updateDifferencesText } from '../../domain/case/earlier-decision.ts';
import { findReferencedCase, loadApplication } from './case-file.ts';
import { caseInput, defineWorker, InvalidJobInput } from '../declaration.ts';
import { caseEvent } from '../../domain/case/states.ts';
import { applyCaseEvent } from '../../store/case/events.ts';

export default defineWorker<{ applicationId: string }, { updateDifferences: string }>({
  topic: 'compare-with-earlier-decision',
  input: caseInput(),
  async handler({ applicationId }, { db, task, now }) {
    const { submission } = await loadApplication(db, applicationId);
    const earlier = await findReferencedCase(db, submission.earlierDecisionReference ?? '');
    // The model comes here only after check-earlier-decision found a granting HDS decision.
    if (!earlier) throw new InvalidJobInput(`No case ${submission.earlierDecisionReference} in the case file`);
    const differences = updateDifferencesText(submission, earlier.submission);
    await db.transaction(async (tx) => {
      await applyCaseEvent(tx, { applicationId, event: caseEvent.updateCompared, now: now(), qualifier: task.id, actor: 'system', detail: { earlierCase: earlier.reference, differences } });
    });
    return { updateDifferences: differences };
  },
});
