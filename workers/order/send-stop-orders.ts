// Revokes the permit: each custodian of its registers gets a letter ordering it to stop
// deliveries and close the holder's access to the data, naming only its own registers. The
// permit's orders still open (data orders and periodic deliveries not delivered) are stopped in
// the same transaction, so no delivery is confirmed under the revoked permit.
import { osloDay } from '../../domain/working-days.ts';
import { recordStep } from '../../platform/audit.ts';
import { letterSource } from '../../store/letter/case-letter.ts';
import { sendPermitOrder } from '../../store/permit/letters.ts';
import { custodiansOf } from '../../store/permit/permits.ts';
import { defineWorker, InvalidJobInput } from '../declaration.ts';
import { loadPermit, permitInput, type PermitInput } from '../permit/permit-file.ts';
import { auditStep } from '../../domain/audit-steps.ts';
import { orderEvent, orderKind } from '../../domain/order/states.ts';
import { permitEvent, permitMachine } from '../../domain/permit/states.ts';
import { applyOrderEvent, createOrder, stopOpenOrders } from '../../store/order/events.ts';
import { applyPermitEvent } from '../../store/permit/events.ts';

export default defineWorker<PermitInput & { revocationId: string }, Record<string, never>>({
  topic: 'send-stop-orders',
  input: permitInput({ revocationId: { type: 'string', format: 'uuid' } }, ['revocationId']),
  async handler({ permitId, revocationId }, { db, now }) {
    await db.transaction(async (tx) => {
      const permit = await loadPermit(tx, permitId, { forUpdate: true });
      const revocation = await tx('permit_revocations').where({ id: revocationId, permit_id: permitId }).first();
      if (!revocation) throw new InvalidJobInput(`No revocation ${revocationId} of permit ${permitId}`);
      const custodians = await custodiansOf(tx, permitId, osloDay(now()));
      await stopOpenOrders(tx, permitId, revocationId, now());
      for (const [custodianId, registerIds] of custodians) {
        const order = await createOrder(tx, { kind: orderKind.stop, applicationId: permit.application_id, permitId, revocationId, custodianId, registerIds });
        await applyOrderEvent(tx, { order, event: orderEvent.orderSent, actor: 'system', now: now() });
        const content = {
          reason: revocation.reason,
          revokedOn: osloDay(new Date(revocation.decided_at ?? now())),
          stoppedSources: registerIds.map((registerId) => letterSource({ registerId })),
        };
        await sendPermitOrder(tx, permit, { kind: 'stop-order', key: revocationId, custodianId, content }, now());
      }
      if (permitMachine.accepts(permit.state, permitEvent.permitRevoked)) {
        await tx('permit_revocations').where({ id: revocationId }).update({ permit_state_before: permit.state });
        await applyPermitEvent(tx, { permitId, event: permitEvent.permitRevoked, qualifier: revocationId, actor: 'system', now: now() });
      }
      await recordStep(tx, { applicationId: permit.application_id, step: auditStep.permitStopOrdersSent, qualifier: revocationId, actor: 'system', detail: { permitId, custodians: [...custodians.keys()] } });
    });
    return {};
  },
});
