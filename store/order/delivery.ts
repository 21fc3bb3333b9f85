// A custodian's confirmation that it delivered an order, for every kind that asks for data. The
// confirmation is taken only while the order waits for it: its permit still runs (the permit
// machine accepts delivery-confirmed), a data order's case awaits delivery, and the order was sent
// and neither delivered nor stopped. Otherwise it is refused with the reason, naming the state,
// and nothing is written. Taken, it is journaled as an incoming document and the order is
// delivered in one transaction; a data order's confirmation is also queued for the case's
// process, which waits for that custodian's delivery.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { message } from '../../domain/audit-steps.ts';
import { caseEvent, caseMachine } from '../../domain/case/states.ts';
import { needsDelivery, orderEvent, orderKind, orderMachineOf, orderState } from '../../domain/order/states.ts';
import { permitEvent, permitMachine } from '../../domain/permit/states.ts';
import { journalIncoming } from '../case/messages.ts';
import { applyCaseEvent, caseStatus } from '../case/events.ts';
import { lockPermit } from '../permit/events.ts';
import { applyOrderEvent, lockOrder, type OrderRow } from './events.ts';

export class DeliveryRefused extends Error {
  override name = 'DeliveryRefused';
}

// Whose order it is and what it is, before any lock: the permit is locked before the order, as
// a revocation does, so the two never wait for each other.
export async function findOrder(db: Knex | Knex.Transaction, orderId: string | number): Promise<OrderRow | undefined> {
  return db('custodian_orders').where({ id: orderId }).first();
}

const at = (value: Date | null) => (value ? new Date(value).toISOString() : 'an earlier date');

// Why the order cannot take a confirmation now, or nothing.
async function refusalOf(tx: Knex.Transaction, order: OrderRow): Promise<string | undefined> {
  if (!needsDelivery(order.kind)) return `The ${order.kind} order to ${order.custodian_id} is a notice: nothing is delivered under it`;
  if (order.state === orderState.delivered) return `${order.custodian_id} confirmed this delivery on ${at(order.delivered_at)}`;
  if (order.permit_id) {
    const permit = await lockPermit(tx, order.permit_id);
    if (!permitMachine.accepts(permit.state, permitEvent.deliveryConfirmed)) return `The permit is ${permit.state}: no delivery is confirmed under it`;
  }
  if (order.kind === orderKind.dataOrder) {
    const status = await caseStatus(tx, order.application_id);
    if (!caseMachine.accepts(status, caseEvent.deliveryConfirmed)) return `The case is ${status}: it is not awaiting delivery`;
  }
  if (order.state === orderState.stopped) return `The order to ${order.custodian_id} was stopped on ${at(order.stopped_at)}`;
  if (!orderMachineOf(order.kind).accepts(order.state, orderEvent.orderDelivered)) return `The order to ${order.custodian_id} is ${order.state}: it has not been sent yet`;
  return undefined;
}

export type Confirmation = { actor: string; analysisEnvironment?: string; now: Date };

export async function confirmDelivery(tx: Knex.Transaction, orderId: string | number, { actor, analysisEnvironment, now }: Confirmation) {
  const found = await findOrder(tx, orderId);
  if (!found) throw new Error(`No order ${orderId}`);
  if (found.permit_id) await lockPermit(tx, found.permit_id);
  const order = (await lockOrder(tx, orderId))!;
  const refusal = await refusalOf(tx, order);
  if (refusal) throw new DeliveryRefused(refusal);
  const { reference } = await tx('applications').where({ id: order.application_id }).first('reference');
  const incoming = { title: 'Bekreftelse på utlevering av data', correspondent: order.custodian_id, caseReference: reference };
  await journalIncoming(tx, order.application_id, incoming, `order-delivery:${order.id}`);
  // The case's process waits for each custodian's delivery: the case takes the event with the
  // message for it, under the message's id.
  const messageId = order.kind === orderKind.dataOrder ? randomUUID() : null;
  if (messageId) {
    const localCorrelationKeys = { custodianId: order.custodian_id };
    await applyCaseEvent(tx, {
      applicationId: order.application_id,
      event: caseEvent.deliveryConfirmed,
      qualifier: messageId,
      actor,
      detail: { localCorrelationKeys },
      now,
      message: { name: message.deliveryConfirmed, messageId, localCorrelationKeys, variables: analysisEnvironment ? { analysisEnvironment } : {} },
    });
  }
  const { order: delivered } = await applyOrderEvent(tx, {
    order,
    event: orderEvent.orderDelivered,
    actor,
    now,
    detail: { analysisEnvironment: analysisEnvironment ?? null },
    changes: { analysis_environment: analysisEnvironment ?? null },
  });
  return { order: delivered, messageId };
}
