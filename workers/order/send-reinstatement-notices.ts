// A revocation reversed on appeal: each custodian of the permit's registers is told that the
// permit applies again and that the holder's access may be opened again, in a letter. The
// orders the revocation stopped are open again: the custodian delivers them and confirms as
// before the revocation.
import { registerName } from '../../domain/registers.ts';
import { osloDay } from '../../domain/working-days.ts';
import { recordStep } from '../../platform/audit.ts';
import { sendPermitOrder } from '../../store/permit/letters.ts';
import { custodiansOf, endsOn } from '../../store/permit/permits.ts';
import { defineWorker } from '../declaration.ts';
import { loadPermit, permitInput, type PermitInput } from '../permit/permit-file.ts';
import { auditStep } from '../../domain/audit-steps.ts';
import { orderEvent, orderKind } from '../../domain/order/states.ts';
import { applyOrderEvent, createOrder, reopenStoppedOrders } from '../../store/order/events.ts';

export default defineWorker<PermitInput & { revocationId: string }, Record<string, never>>({
  topic: 'send-reinstatement-notices',
  input: permitInput({ revocationId: { type: 'string', format: 'uuid' } }, ['revocationId']),
  async handler({ applicationId, permitId, revocationId }, { db, now }) {
    await db.transaction(async (tx) => {
      const permit = await loadPermit(tx, permitId, { forUpdate: true });
      const custodians = await custodiansOf(tx, permitId, osloDay(now()));
      await reopenStoppedOrders(tx, permitId, revocationId, now());
      for (const [custodianId, registerIds] of custodians) {
        const order = await createOrder(tx, { kind: orderKind.reinstatement, applicationId: permit.application_id, permitId, revocationId, custodianId, registerIds });
        await applyOrderEvent(tx, { order, event: orderEvent.orderSent, actor: 'system', now: now() });
        const content = { permitEndsOn: endsOn(permit), registers: registerIds.map((id) => ({ id, name: registerName(id) })) };
        await sendPermitOrder(tx, permit, { kind: 'reinstatement', key: revocationId, custodianId, content }, now());
      }
      await recordStep(tx, { applicationId, step: auditStep.permitReinstatementNoticesSent, qualifier: revocationId, actor: 'system', detail: { permitId, custodians: [...custodians.keys()] } });
    });
    return {};
  },
});
