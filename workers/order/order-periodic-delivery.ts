// Orders a delivery within the permit: each custodian of the registers asked for gets a letter
// with its own registers, variables and periods, and the permit's conditions.
import { registersByCustodian } from '../../domain/registers.ts';
import { osloDay } from '../../domain/working-days.ts';
import { recordStep } from '../../platform/audit.ts';
import { letterSource } from '../../store/letter/case-letter.ts';
import { sendPermitOrder } from '../../store/permit/letters.ts';
import { defineWorker, InvalidJobInput } from '../declaration.ts';
import { loadPermit, permitInput, type PermitInput } from '../permit/permit-file.ts';
import { auditStep } from '../../domain/audit-steps.ts';
import { orderEvent, orderKind } from '../../domain/order/states.ts';
import { applyOrderEvent, createOrder } from '../../store/order/events.ts';

type RequestedSource = { registerId: string; variables: string[]; period: { startDate: string; endDate: string } };

export default defineWorker<PermitInput & { deliveryRequestId: string }, Record<string, never>>({
  topic: 'order-periodic-delivery',
  input: permitInput({ deliveryRequestId: { type: 'string', format: 'uuid' } }, ['deliveryRequestId']),
  async handler({ permitId, deliveryRequestId }, { db, now }) {
    const permit = await loadPermit(db, permitId);
    await db.transaction(async (tx) => {
      const request = await tx('permit_delivery_requests').where({ id: deliveryRequestId, permit_id: permitId }).first();
      if (!request) throw new InvalidJobInput(`No delivery request ${deliveryRequestId} for permit ${permitId}`);
      const requested: RequestedSource[] = request.data_sources;
      const orders = registersByCustodian(requested.map((s) => s.registerId), osloDay(now()));
      for (const [custodianId, registerIds] of orders) {
        const order = await createOrder(tx, { kind: orderKind.periodicDelivery, applicationId: permit.application_id, permitId, requestId: deliveryRequestId, custodianId, registerIds });
        await applyOrderEvent(tx, { order, event: orderEvent.orderSent, actor: 'system', now: now() });
        const content = {
          conditions: permit.conditions ?? '',
          orderSources: requested.filter((s) => registerIds.includes(s.registerId)).map(letterSource),
        };
        await sendPermitOrder(tx, permit, { kind: 'delivery-order', key: deliveryRequestId, custodianId, content }, now());
      }
      await tx('permit_delivery_requests').where({ id: deliveryRequestId }).update({ outcome: 'ordered' });
      await recordStep(tx, { applicationId: permit.application_id, step: auditStep.permitDeliveryOrdered, qualifier: deliveryRequestId, actor: 'system', detail: { permitId, custodians: [...orders.keys()] } });
    });
    return {};
  },
});
