// Invoices HDS's fee: the base fee plus the hourly rate for every started hour of legal case
// processing, or nothing when the fee table found an exemption. Under EHDS the fee table may
// reduce it for the fee category a caseworker confirmed (Art. 62(3)); the reduction is taken
// only when the case file agrees (an EHDS case with a confirmed category), else an incident.
// The invoice can be paid: the payee and its account (from configuration), a KID, the due date
// and the buyer's reference, on the PDF and in the EHF XML beside it (store/letter/invoice.ts).
import { recordStep } from '../../platform/audit.ts';
import { loadPayee } from '../../platform/config.ts';
import { issueInvoice } from '../../store/letter/invoice.ts';
import { auditStep } from '../../domain/audit-steps.ts';
import { reducedAmount, reductionProblem } from '../../domain/case/fee-category.ts';
import { isRulebookId } from '../../domain/rulebook/rulebooks.ts';
import { confirmedFeeCategory } from '../../store/case/fee-category.ts';
import type { FeeReduction } from '../../store/letter/invoice.ts';
import { loadApplication } from './case-file.ts';
import { defineWorker, InvalidJobInput } from '../declaration.ts';

type Fee = { baseFeeNok: number; hourlyRateNok: number; feeExemption?: string; feeReductionPercent?: number };
type Input = Fee & { applicationId: string; hoursSpent: number; sourceCount?: number };

export function invoiceAmount(fee: Fee, hoursSpent: number) {
  const hoursBilled = fee.feeExemption ? 0 : Math.ceil(hoursSpent);
  const fullAmountNok = fee.baseFeeNok + fee.hourlyRateNok * hoursBilled;
  return { hoursBilled, fullAmountNok, amountNok: reducedAmount(fullAmountNok, fee.feeReductionPercent ?? 0) };
}

// The reduction the fee table gave, checked against the case file: only an EHDS case with a
// confirmed fee category has one. A disagreement is a fault to look at (an incident).
export async function checkedReduction(db: Parameters<typeof loadApplication>[0], applicationId: string, feeReductionPercent = 0): Promise<FeeReduction> {
  const [{ rulebook }, category] = await Promise.all([loadApplication(db, applicationId), confirmedFeeCategory(db, applicationId)]);
  if (!isRulebookId(rulebook)) throw new InvalidJobInput(`Application ${applicationId} has no rulebook recorded`);
  const problem = reductionProblem(rulebook, category, feeReductionPercent);
  if (problem) throw new InvalidJobInput(problem);
  return { percent: feeReductionPercent, category: feeReductionPercent > 0 ? category : null };
}

// The fee table's reduction, as the workers that price a case take it.
export const feeReductionInput = { feeReductionPercent: { type: 'integer', minimum: 0, maximum: 100 } } as const;

export default defineWorker<Input, { invoiceAmountNok: number }>({
  topic: 'issue-invoice',
  input: {
    type: 'object',
    properties: {
      applicationId: { type: 'string', format: 'uuid' },
      // determine-fee maps the fee table's result into these variables. No matching row (e.g.
      // no price for the date) gives null amounts, which the runtime drops, so the required
      // amounts are missing: an incident for a process owner, never a guessed price.
      baseFeeNok: { type: 'number', minimum: 0 },
      hourlyRateNok: { type: 'number', minimum: 0 },
      // Null (no exemption) arrives as absent.
      feeExemption: { type: 'string' },
      ...feeReductionInput,
      hoursSpent: { type: 'number', minimum: 0 },
      sourceCount: { type: 'integer', minimum: 1 },
    },
    required: ['applicationId', 'baseFeeNok', 'hourlyRateNok', 'hoursSpent'],
  },
  async handler({ applicationId, hoursSpent, sourceCount, ...fee }, { db, now }) {
    const { hoursBilled, amountNok } = invoiceAmount(fee, hoursSpent);
    const exemption = fee.feeExemption ?? null;
    const payee = loadPayee();
    await db.transaction(async (tx) => {
      const reduction = await checkedReduction(tx, applicationId, fee.feeReductionPercent);
      const sourceCountText = (sourceCount ?? 1) > 1 ? 'flere datakilder' : 'én datakilde';
      const invoice = await issueInvoice(tx, { applicationId, ...fee, hoursBilled, amountNok, exemption, reduction, sourceCountText, payee, now: now() });
      await recordStep(tx, { applicationId, step: auditStep.invoiced, actor: 'system', detail: { amountNok, exemption, reduction, invoiceNumber: invoice.invoiceNumber, kid: invoice.kid } });
    });
    return { invoiceAmountNok: amountNok };
  },
});
