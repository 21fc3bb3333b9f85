// Orders a delivery within the permit: one order per custodian of the registers asked for.
import { registersByCustodian } from '../domain/registers.ts';
import { osloDay } from '../domain/working-days.ts';
import { recordStep } from '../service/audit.ts';
import { defineWorker } from './declaration.ts';
import { loadPermit, permitInput, type PermitInput } from './permit-file.ts';

export default defineWorker<PermitInput & { deliveryRequestId: string }, Record<string, never>>({
  taskType: 'order-periodic-delivery',
  input: permitInput({ deliveryRequestId: { type: 'string', format: 'uuid' } }, ['deliveryRequestId']),
  async handler({ permitId, deliveryRequestId }, { db, now }) {
    const permit = await loadPermit(db, permitId);
    await db.transaction(async (tx) => {
      const request = await tx('permit_delivery_requests').where({ id: deliveryRequestId }).first();
      const orders = registersByCustodian(request.data_sources.map((s: { registerId: string }) => s.registerId), osloDay(now()));
      for (const [custodianId, registerIds] of orders) {
        await tx('permit_delivery_orders')
          .insert({ request_id: deliveryRequestId, permit_id: permitId, custodian_id: custodianId, register_ids: registerIds, sent_at: now() })
          .onConflict(['request_id', 'custodian_id'])
          .ignore();
      }
      await tx('permit_delivery_requests').where({ id: deliveryRequestId }).update({ outcome: 'ordered' });
      await recordStep(tx, { applicationId: permit.application_id, step: `permit-delivery-ordered:${deliveryRequestId}`, actor: 'system', detail: { permitId, custodians: [...orders.keys()] } });
    });
    return {};
  },
});
