// Closes a case the applicant withdrew after the cost estimate (Regulation (EU) 2025/327
// Art. 62(5)): an invoice for the costs already incurred only, HDS's work so far as the fee
// table's base fee (no hours; an exempt case pays nothing), never the custodians' estimates;
// then the closing letter. The withdrawal itself (status withdrawn, the statutory clock
// stopped) was recorded with the applicant's answer (api/routes/case/cost-estimates.ts).
import { hoursChargedOnWithdrawal } from '../../domain/case/cost-estimate.ts';
import { caseStatus } from '../../domain/case/states.ts';
import { auditStep } from '../../domain/audit-steps.ts';
import { letterKind } from '../../domain/letter/kinds.ts';
import { recordStep } from '../../platform/audit.ts';
import { loadPayee } from '../../platform/config.ts';
import { issueInvoice } from '../../store/letter/invoice.ts';
import { sendCaseLetter } from '../../store/letter/case-letter.ts';
import { loadApplication } from './case-file.ts';
import { caseInput, defineWorker, InvalidJobInput } from '../declaration.ts';
import { checkedReduction, feeReductionInput, invoiceAmount } from './issue-invoice.ts';

type Input = { applicationId: string; baseFeeNok: number; hourlyRateNok: number; feeExemption?: string; feeReductionPercent?: number };

export default defineWorker<Input, { invoiceAmountNok: number }>({
  topic: 'close-withdrawn-case',
  input: caseInput({ baseFeeNok: { type: 'number', minimum: 0 }, hourlyRateNok: { type: 'number', minimum: 0 }, feeExemption: { type: 'string' }, ...feeReductionInput }, ['baseFeeNok', 'hourlyRateNok']),
  async handler({ applicationId, ...fee }, { db, now }) {
    const payee = loadPayee();
    return db.transaction(async (tx) => {
      const application = await loadApplication(tx, applicationId);
      if (application.status !== caseStatus.withdrawn) throw new InvalidJobInput(`Application ${applicationId} is ${application.status}, not withdrawn`);
      const { hoursBilled, amountNok } = invoiceAmount(fee, hoursChargedOnWithdrawal);
      const exemption = fee.feeExemption ?? null;
      const reduction = await checkedReduction(tx, applicationId, fee.feeReductionPercent);
      const invoice = await issueInvoice(tx, { applicationId, ...fee, hoursBilled, amountNok, exemption, reduction, sourceCountText: 'søknaden trukket etter kostnadsoverslaget', payee, now: now() });
      await recordStep(tx, { applicationId, step: auditStep.invoiced, actor: 'system', detail: { amountNok, exemption, invoiceNumber: invoice.invoiceNumber, kid: invoice.kid, withdrawn: true } });
      await sendCaseLetter(tx, { applicationId, kind: letterKind.withdrawal, facts: { invoiceAmountNok: amountNok, invoiceNumber: invoice.invoiceNumber }, now: now() });
      return { invoiceAmountNok: amountNok };
    });
  },
});
