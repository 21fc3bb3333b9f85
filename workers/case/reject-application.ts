// Rejects (avviser) an application whose applicant did not supply what was missing within the
// supplement window of the case's rulebook. The applicant must file anew, and may appeal within
// the appeal period. The letter names the window and a fee only when one was charged.
import { appealDeadline } from '../../domain/deadlines.ts';
import { osloDay } from '../../domain/working-days.ts';
import { caseInput, defineWorker, InvalidJobInput } from '../declaration.ts';
import { loadApplication } from './case-file.ts';
import { isRulebookId } from '../../domain/rulebook/rulebooks.ts';
import { supplementWindowFacts } from '../../domain/rulebook/supplement-window.ts';
import { sendCaseLetter } from '../../store/letter/case-letter.ts';
import { lastRequestedMissing, latestSupplementRequest } from '../../store/case/supplement-requests.ts';
import { caseEvent } from '../../domain/case/states.ts';
import { applyCaseEvent } from '../../store/case/events.ts';
import { letterKind } from '../../domain/letter/kinds.ts';
import { schedulePublication } from '../../store/publication/decision-publications.ts';

export default defineWorker<{ applicationId: string }, { appealDeadline: string }>({
  topic: 'reject-application',
  input: caseInput(),
  async handler({ applicationId }, { db, now }) {
    const at = now();
    const deadline = appealDeadline(osloDay(at));
    const { rulebook } = await loadApplication(db, applicationId);
    if (!isRulebookId(rulebook)) throw new InvalidJobInput(`Application ${applicationId} has no rulebook recorded (record-rulebook sets it)`);
    await db.transaction(async (tx) => {
      // A rejection is a decision too: it can be appealed within the same period.
      await tx('decisions')
        .insert({ application_id: applicationId, decided_by_body: 'HDS', outcome: 'rejection', decided_at: at, appeal_deadline: deadline, letter_sent_at: at })
        .onConflict('application_id')
        .ignore();
      await schedulePublication(tx, applicationId, at);
      await applyCaseEvent(tx, { applicationId, event: caseEvent.rejected, now: at, actor: 'system', detail: { appealDeadline: deadline } });
      const invoice = await tx('invoices').where({ application_id: applicationId }).first('amount_nok');
      const request = await latestSupplementRequest(tx, applicationId);
      const facts = {
        missing: await lastRequestedMissing(tx, applicationId),
        // The window the applicant had, by the case's rulebook, and whether a reminder gave more.
        ...supplementWindowFacts(rulebook),
        reminded: Boolean(request?.remindedAt),
        appealDeadline: deadline,
        feeCharged: Number(invoice?.amount_nok ?? 0) > 0,
        amountNok: invoice?.amount_nok ?? 0,
      };
      await sendCaseLetter(tx, { applicationId, kind: letterKind.rejection, facts, now: at });
    });
    return { appealDeadline: deadline };
  },
});
