// Checks the holder's request for the next delivery against the permit: repeated deliveries
// allowed, the permit running and within its period, and only sources and variables it covers.
// Within the permit, the delivery needs no new decision.
import { deliveryRequestProblems } from '../../domain/permit/permit.ts';
import { osloDay } from '../../domain/working-days.ts';
import { endsOn } from '../../store/permit/permits.ts';
import { defineWorker, InvalidJobInput } from '../declaration.ts';
import { loadPermit, permitInput, type PermitInput } from './permit-file.ts';

type Input = PermitInput & { deliveryRequestId: string };

export default defineWorker<Input, { deliveryWithinPermit: boolean }>({
  topic: 'check-delivery-request',
  input: permitInput({ deliveryRequestId: { type: 'string', format: 'uuid' } }, ['deliveryRequestId']),
  async handler({ permitId, deliveryRequestId }, { db, now }) {
    const permit = await loadPermit(db, permitId);
    const request = await db('permit_delivery_requests').where({ id: deliveryRequestId, permit_id: permitId }).first();
    if (!request) throw new InvalidJobInput(`No delivery request ${deliveryRequestId} for permit ${permitId}`);
    const problems = deliveryRequestProblems({
      permit: { state: permit.state, periodicDeliveries: permit.periodic_deliveries, endsOn: endsOn(permit), dataSources: permit.data_sources },
      requestedSources: request.data_sources,
      today: osloDay(now()),
    });
    await db('permit_delivery_requests').where({ id: deliveryRequestId }).update({ reason: problems.join('\n') || null, checked_at: now() });
    return { deliveryWithinPermit: problems.length === 0 };
  },
});
