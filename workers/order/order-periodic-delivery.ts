// Orders a delivery within the permit: each custodian of the registers asked for gets a letter
// with its own registers, variables and periods, and the permit's conditions. Under EHDS each
// order has the holders' deadline (holder-delivery, 3 months, Art. 60(2)) as a case's data order
// has, which the model's timer periodic-delivery-due waits for; the Norwegian rules set none.
import { deliveryRule, periodicDeliveryDueAt } from '../../domain/order/delivery-clock.ts';
import { registersByCustodian } from '../../domain/registers.ts';
import { durationText } from '../../domain/rulebook/rulebooks.ts';
import { norwegianDate, osloDay } from '../../domain/working-days.ts';
import { recordStep } from '../../platform/audit.ts';
import { letterSource } from '../../store/letter/case-letter.ts';
import { sendPermitOrder } from '../../store/permit/letters.ts';
import { defineWorker, InvalidJobInput } from '../declaration.ts';
import { loadPermit, permitInput, type PermitInput } from '../permit/permit-file.ts';
import { rulebookOf } from '../../store/permit/permits.ts';
import { auditStep } from '../../domain/audit-steps.ts';
import { orderEvent, orderKind } from '../../domain/order/states.ts';
import { applyOrderEvent, createOrder } from '../../store/order/events.ts';

type RequestedSource = { registerId: string; variables: string[]; period: { startDate: string; endDate: string } };

type Output = { rulebook: string; deliveryDueAt: string; deliveryDueText: string };

export default defineWorker<PermitInput & { deliveryRequestId: string }, Output>({
  topic: 'order-periodic-delivery',
  input: permitInput({ deliveryRequestId: { type: 'string', format: 'uuid' } }, ['deliveryRequestId']),
  async handler({ permitId, deliveryRequestId }, { db, now }) {
    const permit = await loadPermit(db, permitId);
    const rulebook = await rulebookOf(db, permit);
    const dueAt = await db.transaction(async (tx) => {
      const request = await tx('permit_delivery_requests').where({ id: deliveryRequestId, permit_id: permitId }).first();
      if (!request) throw new InvalidJobInput(`No delivery request ${deliveryRequestId} for permit ${permitId}`);
      const requested: RequestedSource[] = request.data_sources;
      const orders = registersByCustodian(requested.map((s) => s.registerId), osloDay(now()));
      // A retried job keeps the deadline the orders were sent with.
      const sent = await tx('custodian_orders').where({ request_id: deliveryRequestId, kind: orderKind.periodicDelivery }).whereNotNull('due_at').first('due_at');
      const due = sent ? new Date(sent.due_at) : periodicDeliveryDueAt(rulebook, now());
      const rule = deliveryRule(rulebook);
      const clock = due ? { due_at: due, due_rule: rule.id } : {};
      // The letter names the deadline and its rule under EHDS; a Norwegian one has none.
      const deadline = due ? { dueOn: osloDay(due), deliveryPeriod: durationText(rule), deliveryArticle: rule.article } : { dueOn: '' };
      for (const [custodianId, registerIds] of orders) {
        const order = await createOrder(tx, { kind: orderKind.periodicDelivery, applicationId: permit.application_id, permitId, requestId: deliveryRequestId, custodianId, registerIds });
        await applyOrderEvent(tx, { order, event: orderEvent.orderSent, actor: 'system', now: now(), changes: clock });
        const content = {
          conditions: permit.conditions ?? '',
          orderSources: requested.filter((s) => registerIds.includes(s.registerId)).map(letterSource),
          ...deadline,
        };
        await sendPermitOrder(tx, permit, { kind: 'delivery-order', key: deliveryRequestId, custodianId, content }, now());
      }
      await tx('permit_delivery_requests').where({ id: deliveryRequestId }).update({ outcome: 'ordered' });
      await recordStep(tx, { applicationId: permit.application_id, step: auditStep.permitDeliveryOrdered, qualifier: deliveryRequestId, actor: 'system', detail: { permitId, custodians: [...orders.keys()] } });
      return due;
    });
    return { rulebook, deliveryDueAt: dueAt?.toISOString() ?? '', deliveryDueText: dueAt ? norwegianDate(osloDay(dueAt)) : '' };
  },
});
