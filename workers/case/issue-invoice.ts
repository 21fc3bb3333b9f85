// Invoices HDS's fee: the base fee plus the hourly rate for every started hour of legal case
// processing, or nothing when the fee table found an exemption.
import { recordStep } from '../../platform/audit.ts';
import { defineWorker } from '../declaration.ts';
import { sendCaseLetter } from '../../store/letter/case-letter.ts';
import { addCalendarDays, osloDay } from '../../domain/working-days.ts';
import { rules } from '../../domain/deadlines.ts';
import { auditStep } from '../../domain/audit-steps.ts';
import { letterKind } from '../../domain/letter/kinds.ts';

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
    await db.transaction(async (tx) => {
      await tx('invoices')
        .insert({
          application_id: applicationId,
          base_fee_nok: fee.baseFeeNok,
          hourly_rate_nok: fee.hourlyRateNok,
          hours_billed: hoursBilled,
          amount_nok: amountNok,
          exemption,
          issued_at: now(),
        })
        .onConflict('application_id')
        .ignore();
      await recordStep(tx, { applicationId, step: auditStep.invoiced, actor: 'system', detail: { amountNok, exemption } });
      const facts = {
        ...fee,
        feeExemption: exemption ?? '',
        hoursBilled,
        amountNok,
        hoursAmountNok: fee.hourlyRateNok * hoursBilled,
        sourceCountText: (sourceCount ?? 1) > 1 ? 'flere datakilder' : 'én datakilde',
        dueOn: addCalendarDays(osloDay(now()), rules.invoiceDueCalendarDays),
      };
      await sendCaseLetter(tx, { applicationId, kind: letterKind.invoice, facts, now: now() });
    });
    return { invoiceAmountNok: amountNok };
  },
});
