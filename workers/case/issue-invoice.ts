// Invoices HDS's fee: the base fee plus the hourly rate for every started hour of legal case
// processing, or nothing when the fee table found an exemption. The invoice can be paid: the
// payee and its account (from configuration), a KID, the due date and the buyer's reference,
// on the PDF and in the EHF XML beside it (store/letter/invoice.ts).
import { recordStep } from '../../platform/audit.ts';
import { loadPayee } from '../../platform/config.ts';
import { defineWorker } from '../declaration.ts';
import { issueInvoice } from '../../store/letter/invoice.ts';
import { auditStep } from '../../domain/audit-steps.ts';

type Fee = { baseFeeNok: number; hourlyRateNok: number; feeExemption?: string };
type Input = Fee & { applicationId: string; hoursSpent: number; sourceCount?: number };

export function invoiceAmount(fee: Fee, hoursSpent: number) {
  const hoursBilled = fee.feeExemption ? 0 : Math.ceil(hoursSpent);
  return { hoursBilled, amountNok: fee.baseFeeNok + fee.hourlyRateNok * hoursBilled };
}

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
      const sourceCountText = (sourceCount ?? 1) > 1 ? 'flere datakilder' : 'én datakilde';
      const invoice = await issueInvoice(tx, { applicationId, ...fee, hoursBilled, amountNok, exemption, sourceCountText, payee, now: now() });
      await recordStep(tx, { applicationId, step: auditStep.invoiced, actor: 'system', detail: { amountNok, exemption, invoiceNumber: invoice.invoiceNumber, kid: invoice.kid } });
    });
    return { invoiceAmountNok: amountNok };
  },
});
