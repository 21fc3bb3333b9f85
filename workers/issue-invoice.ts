// Invoices HDS's fee: the base fee plus the hourly rate for every started hour of legal case
// processing, or nothing when the fee table found an exemption.
import { recordStep } from '../service/audit.ts';
import { defineWorker } from './declaration.ts';

type Fee = { baseFeeNok: number; hourlyRateNok: number; feeExemption: string | null };
type Input = { applicationId: string; fee: Fee; hoursSpent: number };

export function invoiceAmount(fee: Fee, hoursSpent: number) {
  const hoursBilled = fee.feeExemption ? 0 : Math.ceil(hoursSpent);
  return { hoursBilled, amountNok: fee.baseFeeNok + fee.hourlyRateNok * hoursBilled };
}

export default defineWorker<Input, { invoiceAmountNok: number }>({
  taskType: 'issue-invoice',
  input: {
    type: 'object',
    properties: {
      applicationId: { type: 'string', format: 'uuid' },
      // The fee table yields null when no row matches (e.g. no price for the date): an
      // incident for a process owner, never a guessed price.
      fee: {
        type: 'object',
        properties: {
          baseFeeNok: { type: 'number', minimum: 0 },
          hourlyRateNok: { type: 'number', minimum: 0 },
          feeExemption: { type: ['string', 'null'] },
        },
        required: ['baseFeeNok', 'hourlyRateNok'],
      },
      hoursSpent: { type: 'number', minimum: 0 },
    },
    required: ['applicationId', 'fee', 'hoursSpent'],
  },
  async handler({ applicationId, fee, hoursSpent }, { db, now }) {
    const { hoursBilled, amountNok } = invoiceAmount(fee, hoursSpent);
    await db.transaction(async (tx) => {
      await tx('invoices')
        .insert({
          application_id: applicationId,
          base_fee_nok: fee.baseFeeNok,
          hourly_rate_nok: fee.hourlyRateNok,
          hours_billed: hoursBilled,
          amount_nok: amountNok,
          exemption: fee.feeExemption ?? null,
          issued_at: now(),
        })
        .onConflict('application_id')
        .ignore();
      await recordStep(tx, { applicationId, step: 'invoiced', actor: 'system', detail: { amountNok, exemption: fee.feeExemption ?? null } });
    });
    return { invoiceAmountNok: amountNok };
  },
});
