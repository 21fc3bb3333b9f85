// Sends one custodian its order: decision reference, approved registers and conditions.
import { recordStep } from '../service/audit.ts';
import { defineWorker } from './declaration.ts';

export default defineWorker<{ applicationId: string; custodianId: string }, Record<string, never>>({
  taskType: 'send-custodian-order',
  input: {
    type: 'object',
    properties: { applicationId: { type: 'string', format: 'uuid' }, custodianId: { type: 'string' } },
    required: ['applicationId', 'custodianId'],
  },
  async handler({ applicationId, custodianId }, { db, now }) {
    await db.transaction(async (tx) => {
      await tx('custodian_orders').where({ application_id: applicationId, custodian_id: custodianId }).whereNull('sent_at').update({ sent_at: now() });
      await recordStep(tx, { applicationId, step: `order-sent:${custodianId}`, actor: 'system' });
    });
    return {};
  },
});
