// The one way a custodian order comes to be and changes: created in its first state, then moved
// by events applied in the caller's transaction on the locked order row. The order machine of
// its kind (domain/order/states.ts) says whether the order's state accepts the event and which
// state follows; the state with its date and the audit step (in the order's case file) are
// written together. An event already recorded for the order changes nothing.
import type { Knex } from 'knex';
import { deliveryKinds, initialOrderState, openStates, orderEvent, orderMachineOf, orderKind, orderQualifier, orderState, type OrderEvent, type OrderKind, type OrderState } from '../../domain/order/states.ts';
import { recordStep, stepRecorded } from '../../platform/audit.ts';

export type OrderRow = {
  id: string;
  kind: OrderKind;
  state: OrderState;
  application_id: string;
  permit_id: string | null;
  request_id: string | null;
  revocation_id: string | null;
  custodian_id: string;
  register_ids: string[];
  due_at: Date | null;
  due_rule: string | null;
  late_at: Date | null;
  sent_at: Date | null;
  delivered_at: Date | null;
  stopped_at: Date | null;
  analysis_environment: string | null;
};

export type NewOrder = {
  kind: OrderKind;
  applicationId: string;
  permitId?: string | null;
  requestId?: string | null;
  revocationId?: string | null;
  custodianId: string;
  registerIds: string[];
  dueAt?: Date | null;
};

// The order of that kind, case, request or revocation, and custodian, created once: a retried
// job finds the one it created.
export async function createOrder(tx: Knex.Transaction, order: NewOrder): Promise<OrderRow> {
  const identity = {
    kind: order.kind,
    application_id: order.applicationId,
    request_id: order.requestId ?? null,
    revocation_id: order.revocationId ?? null,
    custodian_id: order.custodianId,
  };
  await tx('custodian_orders')
    .insert({ ...identity, state: initialOrderState, permit_id: order.permitId ?? null, register_ids: order.registerIds, due_at: order.dueAt ?? null })
    .onConflict(['kind', 'application_id', 'request_id', 'revocation_id', 'custodian_id'])
    .ignore();
  return tx('custodian_orders').where(identity).forUpdate().first();
}

export async function lockOrder(tx: Knex.Transaction, orderId: string | number): Promise<OrderRow | undefined> {
  return tx('custodian_orders').where({ id: orderId }).forUpdate().first();
}

type Db = Knex | Knex.Transaction;

// The case's data order to the custodian (not locked: lockOrder before changing it).
export async function findDataOrder(db: Db, applicationId: string, custodianId: string): Promise<OrderRow | undefined> {
  return db('custodian_orders').where({ kind: orderKind.dataOrder, application_id: applicationId, custodian_id: custodianId }).first();
}

// The custodian's order of a periodic delivery under the permit (not locked).
export async function findPeriodicOrder(db: Db, permitId: string, requestId: string, custodianId: string): Promise<OrderRow | undefined> {
  return db('custodian_orders').where({ kind: orderKind.periodicDelivery, permit_id: permitId, request_id: requestId, custodian_id: custodianId }).first();
}

// The date each state change leaves on the order.
const datesOf: Record<OrderEvent, (now: Date, order: OrderRow) => Record<string, Date | null>> = {
  'order-sent': (now) => ({ sent_at: now }),
  'order-delivered': (now) => ({ delivered_at: now }),
  // The new deadline comes with the extension (changes).
  'order-extended': () => ({}),
  'order-late': (now) => ({ late_at: now }),
  'order-stopped': (now) => ({ stopped_at: now }),
  'order-reopened-sent': () => ({ stopped_at: null }),
  'order-reopened-created': () => ({ stopped_at: null }),
};

export type OrderEventInput = {
  order: OrderRow;
  event: OrderEvent;
  actor: string;
  now: Date;
  detail?: Record<string, unknown>;
  // What tells a repeat of the event on the same order apart: an order stopped by one revocation
  // and opened again may be stopped by the next.
  occasion?: string;
  // Columns the event sets beside the state (the analysis environment a delivery went to).
  changes?: Record<string, unknown>;
};

export type AppliedOrderEvent = { order: OrderRow; applied: boolean };

// The order must have been locked in this transaction (lockOrder, or read by one of the functions
// here).
export async function applyOrderEvent(tx: Knex.Transaction, input: OrderEventInput): Promise<AppliedOrderEvent> {
  const { order, event, actor, now, detail, occasion, changes } = input;
  const ofOrder = orderQualifier({ kind: order.kind, custodianId: order.custodian_id, requestId: order.request_id, revocationId: order.revocation_id });
  const qualifier = occasion === undefined ? ofOrder : `${ofOrder}:${occasion}`;
  if (await stepRecorded(tx, order.application_id, event, qualifier)) return { order, applied: false };
  const state = orderMachineOf(order.kind).next(order.state, event);
  const [changed] = await tx('custodian_orders')
    .where({ id: order.id })
    .update({ ...changes, ...datesOf[event](now, order), state })
    .returning('*');
  await recordStep(tx, { applicationId: order.application_id, step: event, qualifier, actor, detail: { orderId: Number(order.id), kind: order.kind, ...detail } });
  return { order: changed, applied: true };
}

// A permit's orders in these states that ask for data, locked.
async function deliveryOrdersOf(tx: Knex.Transaction, permitId: string, states: readonly OrderState[]): Promise<OrderRow[]> {
  return tx('custodian_orders').where({ permit_id: permitId }).whereIn('kind', deliveryKinds).whereIn('state', states).forUpdate().orderBy('id');
}

// Stops every open order of a revoked permit, in the revocation's transaction.
export async function stopOpenOrders(tx: Knex.Transaction, permitId: string, revocationId: string, now: Date) {
  for (const order of await deliveryOrdersOf(tx, permitId, openStates)) {
    await applyOrderEvent(tx, { order, event: orderEvent.orderStopped, occasion: revocationId, actor: 'system', now, detail: { revocationId } });
  }
}

// A revocation reversed on appeal opens the orders it stopped again, each in the state it had.
export async function reopenStoppedOrders(tx: Knex.Transaction, permitId: string, revocationId: string, now: Date) {
  for (const order of await deliveryOrdersOf(tx, permitId, [orderState.stopped])) {
    const event = order.sent_at ? orderEvent.orderReopenedSent : orderEvent.orderReopenedCreated;
    await applyOrderEvent(tx, { order, event, occasion: revocationId, actor: 'system', now, detail: { revocationId } });
  }
}
