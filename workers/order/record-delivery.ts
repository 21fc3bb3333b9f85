// Records a custodian's confirmation that it delivered the data, once the case's process has
// taken it. The confirmation route has already moved the order to delivered in the transaction
// that queued the message, so this is a repeat that changes nothing; it still applies the event
// for a confirmation queued before the route did so.
import { defineWorker, InvalidJobInput } from '../declaration.ts';
import { orderEvent } from '../../domain/order/states.ts';
import { applyOrderEvent, findDataOrder, lockOrder } from '../../store/order/events.ts';

type Input = { applicationId: string; custodianId: string; analysisEnvironment?: string };

export default defineWorker<Input, Record<string, never>>({
  topic: 'record-delivery',
  input: {
    type: 'object',
    properties: {
      applicationId: { type: 'string', format: 'uuid' },
      custodianId: { type: 'string' },
      analysisEnvironment: { type: 'string' },
    },
    required: ['applicationId', 'custodianId'],
  },
  async handler({ applicationId, custodianId, analysisEnvironment }, { db, now }) {
    await db.transaction(async (tx) => {
      const found = await findDataOrder(tx, applicationId, custodianId);
      const order = found && (await lockOrder(tx, found.id));
      if (!order) throw new InvalidJobInput(`No order to ${custodianId} in case ${applicationId}`);
      await applyOrderEvent(tx, {
        order,
        event: orderEvent.orderDelivered,
        actor: custodianId,
        now: now(),
        detail: { analysisEnvironment },
        changes: { analysis_environment: analysisEnvironment ?? null },
      });
    });
    return {};
  },
});
