// Refuses a request for a delivery the permit does not cover, and tells the holder why: what
// goes beyond the permit needs a change application.
import { sendPermitLetter } from '../../store/permit/letters.ts';
import { defineWorker } from '../declaration.ts';
import { loadPermit, permitInput, type PermitInput } from './permit-file.ts';

export default defineWorker<PermitInput & { deliveryRequestId: string }, Record<string, never>>({
  topic: 'refuse-delivery-request',
  input: permitInput({ deliveryRequestId: { type: 'string', format: 'uuid' } }, ['deliveryRequestId']),
  async handler({ permitId, deliveryRequestId }, { db, now }) {
    const permit = await loadPermit(db, permitId);
    await db.transaction(async (tx) => {
      const request = await tx('permit_delivery_requests').where({ id: deliveryRequestId }).first();
      await tx('permit_delivery_requests').where({ id: deliveryRequestId }).update({ outcome: 'refused' });
      await sendPermitLetter(tx, permit, { kind: 'delivery-refusal', key: deliveryRequestId, content: { refusalReasons: request.reason } }, now());
    });
    return {};
  },
});
