// Under EHDS the holders of a periodic delivery under a permit deliver within the deadline a
// case's data order has (holder-delivery, Art. 60(2)). When it passes, each order of the request
// (deliveryRequestId, local to the request's run of the model's periodic-order) still
// undelivered is recorded as late (custodian_orders.late_at, Art. 63(4); GET /stats counts
// them), and a caseworker follows up. An order delivered or stopped meanwhile is not marked.
// Gives periodicDeliveryLate (Boolean): whether any order of the request waits past its deadline.
import { orderEvent, orderKind, orderState } from '../../domain/order/states.ts';
import { applyOrderEvent } from '../../store/order/events.ts';
import { rulebookOf } from '../../store/permit/permits.ts';
import { defineWorker, InvalidJobInput } from '../declaration.ts';
import { loadPermit, permitInput, type PermitInput } from '../permit/permit-file.ts';

export default defineWorker<PermitInput & { deliveryRequestId: string }, { periodicDeliveryLate: boolean }>({
  topic: 'record-late-periodic-delivery',
  input: permitInput({ deliveryRequestId: { type: 'string', format: 'uuid' } }, ['deliveryRequestId']),
  async handler({ permitId, deliveryRequestId }, { db, now }) {
    const permit = await loadPermit(db, permitId);
    if ((await rulebookOf(db, permit)) !== 'ehds') throw new InvalidJobInput(`Permit ${permitId} follows the Norwegian rules, which set periodic deliveries no deadline`);
    const late = await db.transaction(async (tx) => {
      const undelivered = await tx('custodian_orders')
        .where({ permit_id: permitId, request_id: deliveryRequestId, kind: orderKind.periodicDelivery, state: orderState.sent })
        .forUpdate()
        .orderBy('id');
      for (const order of undelivered) {
        await applyOrderEvent(tx, { order, event: orderEvent.orderLate, actor: 'system', now: now(), detail: { dueAt: new Date(order.due_at).toISOString() } });
      }
      return undelivered.length > 0;
    });
    return { periodicDeliveryLate: late };
  },
});
