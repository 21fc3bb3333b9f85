// The custodian order's machines against their transition tables, written out pair by pair:
// random sequences of events never move an order along a transition outside the table, for
// orders that ask for data (data orders, periodic deliveries) and for notices (stop,
// reinstatement), which accept nothing once sent.
import { describe, expect, it } from 'vitest';
import { deliveryOrderMachine, initialOrderState, noticeMachine, orderKinds, orderMachineOf, orderQualifier, type OrderEvent, type OrderState } from '../../../domain/order/states.ts';
import { checkAgainstTable, type Table } from './machine-model.ts';

const deliveryTable: Table<OrderState, OrderEvent> = {
  'order-sent': [['created', 'sent']],
  'order-delivered': [['sent', 'delivered']],
  'order-extended': [['sent', 'sent']],
  'order-late': [['sent', 'sent']],
  'order-stopped': [
    ['created', 'stopped'],
    ['sent', 'stopped'],
  ],
  'order-reopened-sent': [['stopped', 'sent']],
  'order-reopened-created': [['stopped', 'created']],
};

const noticeTable: Table<OrderState, OrderEvent> = {
  'order-sent': [['created', 'sent']],
  'order-delivered': [],
  'order-extended': [],
  'order-late': [],
  'order-stopped': [],
  'order-reopened-sent': [],
  'order-reopened-created': [],
};

describe('the custodian order machines', () => {
  it('accept exactly the transitions of their tables, in any sequence', async () => {
    await checkAgainstTable(deliveryOrderMachine, deliveryTable, initialOrderState);
    await checkAgainstTable(noticeMachine, noticeTable, initialOrderState);
  });

  it('give each kind its machine: data orders and periodic deliveries are delivered, notices are not', () => {
    expect(orderKinds.map((kind) => [kind, orderMachineOf(kind).concept])).toEqual([
      ['data-order', 'order'],
      ['periodic-delivery', 'order'],
      ['stop', 'notice'],
      ['reinstatement', 'notice'],
    ]);
    for (const state of ['delivered', 'stopped'] as const) expect(deliveryOrderMachine.acceptedIn(state).filter((event) => event !== 'order-reopened-sent' && event !== 'order-reopened-created')).toEqual([]);
  });

  it("tells a permit's orders apart in its case's audit trail, and keeps a data order's custodian alone", () => {
    expect(orderQualifier({ kind: 'data-order', custodianId: 'FHI' })).toBe('FHI');
    const revocation = 'c6f1a1f0-0000-4000-8000-000000000001';
    const qualifiers = (['stop', 'reinstatement'] as const).map((kind) => orderQualifier({ kind, custodianId: 'FHI', revocationId: revocation }));
    expect(new Set(qualifiers).size).toBe(2);
    expect(orderQualifier({ kind: 'periodic-delivery', custodianId: 'FHI', requestId: revocation })).toBe(`periodic-delivery:${revocation}:FHI`);
  });
});
