// Under EHDS a custodian (a data holder) that lets its delivery deadline pass undelivered is
// recorded as late in the case file (custodian_orders.late_at), since the body may penalise late
// holders (Regulation (EU) 2025/327 Art. 63(4)); GET /stats counts these orders. The caseworker's
// follow-up task comes next, as under the Norwegian rules. An order delivered or stopped
// meanwhile is not marked.
import { orderEvent, orderState } from '../../domain/order/states.ts';
import { applyOrderEvent, findDataOrder, lockOrder } from '../../store/order/events.ts';
import { requireEhdsCase } from '../case/case-file.ts';
import { defineWorker, InvalidJobInput } from '../declaration.ts';

export default defineWorker<{ applicationId: string; custodianId: string }, Record<string, never>>({
  topic: 'record-late-delivery',
  input: {
    type: 'object',
    properties: { applicationId: { type: 'string', format: 'uuid' }, custodianId: { type: 'string' } },
    required: ['applicationId', 'custodianId'],
  },
  async handler({ applicationId, custodianId }, { db, now }) {
    await requireEhdsCase(db, applicationId);
    await db.transaction(async (tx) => {
      const found = await findDataOrder(tx, applicationId, custodianId);
      const order = found && (await lockOrder(tx, found.id));
      if (!order) throw new InvalidJobInput(`No order to ${custodianId} in case ${applicationId}`);
      if (order.state !== orderState.sent) return;
      await applyOrderEvent(tx, { order, event: orderEvent.orderLate, actor: 'system', now: now(), detail: { dueAt: order.due_at && new Date(order.due_at).toISOString() } });
    });
    return {};
  },
});
