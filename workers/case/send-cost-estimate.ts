// Once every custodian has answered, sends the applicant HDS's and the custodians' cost
// estimates with the extraction description (each source with its variables and period), and
// gives the applicant until the rulebook's cost-estimate-answer row (10 working days, HDS's own)
// to accept or withdraw (Regulation (EU) 2025/327 Art. 62(5)). HDS's estimate is what the fee
// table (DMN fee, evaluated just before) gives at the hours expected: the base fee plus the
// hourly rate for expectedHours, an input of this task in the model a process owner sets, less
// the table's reduction for a confirmed fee category (Art. 62(3)).
import { custodianName } from '../../domain/registers.ts';
import { deadlineFor } from '../../domain/rulebook/rulebooks.ts';
import { norwegianDate, osloDay } from '../../domain/working-days.ts';
import { auditStep } from '../../domain/audit-steps.ts';
import { letterKind } from '../../domain/letter/kinds.ts';
import { recordStep } from '../../platform/audit.ts';
import { recordEstimateSent, requestsOf } from '../../store/case/cost-estimates.ts';
import { sendCaseLetter } from '../../store/letter/case-letter.ts';
import { caseInput, defineWorker, InvalidJobInput } from '../declaration.ts';
import { reductionFacts } from '../../store/letter/invoice.ts';
import { checkedReduction, feeReductionInput, invoiceAmount } from './issue-invoice.ts';

type Input = { applicationId: string; baseFeeNok: number; hourlyRateNok: number; feeExemption?: string; feeReductionPercent?: number; expectedHours: number };
type Output = { costEstimateAnswerDueAt: string; costEstimateAnswerDueText: string };

export default defineWorker<Input, Output>({
  topic: 'send-cost-estimate',
  input: caseInput(
    {
      // As for issue-invoice: no price in the fee table gives null amounts, which the runtime
      // drops, so the required amounts are missing: an incident, never a guessed price.
      baseFeeNok: { type: 'number', minimum: 0 },
      hourlyRateNok: { type: 'number', minimum: 0 },
      feeExemption: { type: 'string' },
      ...feeReductionInput,
      expectedHours: { type: 'number', minimum: 0 },
    },
    ['baseFeeNok', 'hourlyRateNok', 'expectedHours'],
  ),
  async handler({ applicationId, expectedHours, ...fee }, { db, now }) {
    return db.transaction(async (tx) => {
      const requests = await requestsOf(tx, applicationId);
      if (requests.length === 0 || requests.some((r) => r.answered_at == null)) throw new InvalidJobInput(`Application ${applicationId} still waits for a custodian's cost estimate`);
      const reduction = await checkedReduction(tx, applicationId, fee.feeReductionPercent);
      const { amountNok, fullAmountNok } = invoiceAmount(fee, expectedHours);
      const estimate = await recordEstimateSent(
        tx,
        applicationId,
        { baseFeeNok: fee.baseFeeNok, hourlyRateNok: fee.hourlyRateNok, expectedHours: Math.ceil(expectedHours), amountNok, exemption: fee.feeExemption ?? null },
        now(),
        deadlineFor('ehds', 'cost-estimate-answer', now()),
      );
      const answerDueAt = new Date(estimate.answer_due_at);
      const custodianTotal = requests.reduce((sum, r) => sum + Number(r.amount_nok), 0);
      await sendCaseLetter(tx, {
        applicationId,
        kind: letterKind.costEstimate,
        facts: {
          hdsAmountNok: estimate.amount_nok,
          baseFeeNok: estimate.base_fee_nok,
          hourlyRateNok: estimate.hourly_rate_nok,
          expectedHours: estimate.expected_hours,
          feeExemption: estimate.exemption,
          ...reductionFacts(reduction, fullAmountNok, amountNok),
          custodianEstimates: requests.map((r) => ({ name: custodianName(r.custodian_id) ?? r.custodian_id, amountNok: Number(r.amount_nok), description: r.description })),
          totalNok: estimate.amount_nok + custodianTotal,
          answerDueOn: osloDay(answerDueAt),
        },
        now: now(),
      });
      await recordStep(tx, { applicationId, step: auditStep.costEstimateSent, actor: 'system', detail: { amountNok: estimate.amount_nok, custodianTotal, answerDueAt } });
      return { costEstimateAnswerDueAt: answerDueAt.toISOString(), costEstimateAnswerDueText: norwegianDate(osloDay(answerDueAt)) };
    });
  },
});
