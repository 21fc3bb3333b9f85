// Records the holder's fee HDS set because holder and user reported no agreement within 1 month
// of the permit (Regulation (EU) 2025/327, Art. 62(4)), from the caseworker's task
// set-holder-fee: the fee in whole NOK and the reasons, who set it (the task's assignee in the
// engine's history) and when; then the letter holder-fee to the custodian and to the applicant.
// A fee or reasons missing go back to the form with the reason (BPMN error holder-fee-invalid),
// never an incident; so does a task completed after the custodian's report was taken in time but
// before it reached the engine, whose message then ends the task (fee-reported-during-task).
import { auditStep } from '../../domain/audit-steps.ts';
import { letterKind } from '../../domain/letter/kinds.ts';
import { holderFeeProblem } from '../../domain/order/fee-agreement.ts';
import { custodianName } from '../../domain/registers.ts';
import { norwegianDate, osloDay } from '../../domain/working-days.ts';
import { recordStep } from '../../platform/audit.ts';
import { custodianRecipient, sendCaseLetter } from '../../store/letter/case-letter.ts';
import { feeAgreementOf, setHolderFee } from '../../store/order/fee-agreement.ts';
import { BusinessError, caseInput, defineWorker, InvalidJobInput, RetryableError } from '../declaration.ts';

type Input = { applicationId: string; orderId: string; holderFeeNok?: number | null; holderFeeReasons?: string | null };

export default defineWorker<Input, { holderFeeProblem: '' }>({
  topic: 'record-holder-fee',
  input: caseInput({ orderId: { type: 'string', pattern: '^[0-9]+$' }, holderFeeNok: { type: ['number', 'null'] }, holderFeeReasons: { type: ['string', 'null'] } }, ['orderId']),
  async handler({ applicationId, orderId, holderFeeNok, holderFeeReasons }, { db, task, now, userTasks }) {
    const setBy = await userTasks.completedBy(task.processInstanceId, 'set-holder-fee');
    if (setBy === undefined) throw new RetryableError('The engine has no completed setting of the fee for this order yet');
    if (setBy === null) throw new InvalidJobInput('The setting of the fee was completed without an assignee; claim it in Tasklist first');
    const reported = (await feeAgreementOf(db, orderId))?.reported_at;
    const problem = reported
      ? `Registerforvalteren meldte det avtalte vederlaget ${norwegianDate(osloDay(new Date(reported)))}, innen fristen. Helsedataservice fastsetter det ikke; oppgaven avsluttes av seg selv.`
      : holderFeeProblem({ feeNok: holderFeeNok, reasons: holderFeeReasons });
    if (problem) {
      await recordStep(db, { applicationId, step: auditStep.holderFeeReturned, qualifier: task.id, actor: setBy, detail: { problem } });
      throw new BusinessError('holder-fee-invalid', problem, { holderFeeProblem: problem });
    }
    await db.transaction(async (tx) => {
      const agreement = await setHolderFee(tx, { orderId, feeNok: holderFeeNok!, reasons: holderFeeReasons!, setBy, now: now() });
      if (agreement.reported_at) throw new RetryableError(`The custodian reported the agreed fee of order ${orderId} meanwhile; HDS does not set it`);
      const order = await tx('custodian_orders').where({ id: orderId }).first('custodian_id');
      const decision = await tx('decisions').where({ application_id: applicationId }).first('decided_at');
      const facts = {
        permitDecidedOn: osloDay(new Date(decision.decided_at)),
        feeAgreementDueOn: osloDay(new Date(agreement.due_at)),
        custodianName: custodianName(order.custodian_id) ?? order.custodian_id,
        holderFeeNok: agreement.fee_nok,
        holderFeeReasons: agreement.reasons,
      };
      await sendCaseLetter(tx, { applicationId, kind: letterKind.holderFee, qualifier: `${orderId}:custodian`, facts, recipient: custodianRecipient(order.custodian_id), now: now() });
      await sendCaseLetter(tx, { applicationId, kind: letterKind.holderFee, qualifier: `${orderId}:applicant`, facts, now: now() });
    });
    return { holderFeeProblem: '' };
  },
});
