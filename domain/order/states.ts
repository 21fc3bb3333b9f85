// The custodian order's states and the events that move it, for every kind of order HDS sends a
// custodian: the data order of a decided case, an order of a periodic delivery under a permit,
// and the two notices about a permit (stop after a revocation, reinstatement after a reversed
// one). Workers and routes apply events through store/order/events.ts; none writes an order's
// state or its dates by hand.
//
// Orders that ask for data (data orders and periodic deliveries) are created, sent, and then
// either delivered (the custodian confirms) or stopped (their permit was revoked while they were
// open). A stopped order opens again, in the state it had, when the revocation is reversed on
// appeal: the custodian has its letter and is told by the reinstatement notice that the permit
// applies again, so it delivers and confirms as before. (An order stopped before its letter went
// out opens again as created; its letter is not sent by itself, since the case's process has
// passed the sending. Revocations take days and orders go out within seconds of the decision,
// so this needs the engine to have been down in between.) Notices ask for nothing back: they
// are created and sent, and accept nothing after that.
import { constants, defineMachine } from '../state-machine.ts';

export const orderKinds = ['data-order', 'periodic-delivery', 'stop', 'reinstatement'] as const;
export type OrderKind = (typeof orderKinds)[number];
export const orderKind = constants(orderKinds);

export const orderStates = ['created', 'sent', 'delivered', 'stopped'] as const;
export type OrderState = (typeof orderStates)[number];
export const orderState = constants(orderStates);

export const initialOrderState: OrderState = 'created';

// The states in which an order still waits for its custodian.
export const openStates = ['created', 'sent'] as const satisfies readonly OrderState[];

export const deliveryOrderMachine = defineMachine('order', orderStates, {
  'order-sent': { from: ['created'], to: 'sent' },
  'order-delivered': { from: ['sent'], to: 'delivered' },
  // Under EHDS: the custodian's deadline extended once (Art. 60(2)), or passed undelivered (Art. 63(4)).
  'order-extended': { from: ['sent'] },
  'order-late': { from: ['sent'] },
  'order-stopped': { from: openStates, to: 'stopped' },
  'order-reopened-sent': { from: ['stopped'], to: 'sent' },
  'order-reopened-created': { from: ['stopped'], to: 'created' },
});

// The events a notice accepts are a subset of an order's, so one event catalogue serves both.
export const noticeMachine = defineMachine<OrderState, OrderEvent>('notice', orderStates, {
  'order-sent': { from: ['created'], to: 'sent' },
  'order-delivered': { from: [] },
  'order-extended': { from: [] },
  'order-late': { from: [] },
  'order-stopped': { from: [] },
  'order-reopened-sent': { from: [] },
  'order-reopened-created': { from: [] },
});

export type OrderEvent = keyof typeof deliveryOrderMachine.transitions;
export const orderEvent = deliveryOrderMachine.event;

// The kinds that ask the custodian for data and wait for its confirmation.
export const deliveryKinds = ['data-order', 'periodic-delivery'] as const satisfies readonly OrderKind[];
export const needsDelivery = (kind: OrderKind) => (deliveryKinds as readonly OrderKind[]).includes(kind);

export const orderMachineOf = (kind: OrderKind) => (needsDelivery(kind) ? deliveryOrderMachine : noticeMachine);

// What tells one order's steps apart in its case's audit trail. A data order is the case's one
// order to that custodian (its steps keep the custodian alone, as the case's trail always had);
// a permit's orders share the permit's case, so theirs name the kind and the delivery request
// or revocation they belong to.
export type OrderIdentity = { kind: OrderKind; custodianId: string; requestId?: string | null; revocationId?: string | null };
export function orderQualifier({ kind, custodianId, requestId, revocationId }: OrderIdentity): string {
  if (kind === 'data-order') return custodianId;
  return `${kind}:${requestId ?? revocationId}:${custodianId}`;
}

export const stateLabels: Record<OrderState, string> = {
  created: 'Opprettet',
  sent: 'Sendt',
  delivered: 'Levert',
  stopped: 'Stanset',
};
