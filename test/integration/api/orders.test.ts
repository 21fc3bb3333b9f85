// Orders to custodians against the real database: one route confirms the delivery of any order
// that asks for data, once (a repeat gets 409 naming when, or the first answer with the same
// Idempotency-Key; one journal entry either way), never under a permit that no longer runs or
// for a case not awaiting delivery, and never for another custodian's order; GET /orders lists
// every kind with its state; /stats counts them.
import { beforeAll, describe, expect, it } from 'vitest';
import { osloDay } from '../../../domain/working-days.ts';
import { bearer } from '../auth.ts';
import { apiHarness, caseFileCounts, validSubmission } from '../harness.ts';
import { insertDeliveryOrders, insertPermit } from '../permit-fixtures.ts';

const h = apiHarness();

const fhi = bearer('custodian', { custodianId: 'FHI' });
const dmp = bearer('custodian', { custodianId: 'DMP' });
const caseworker = bearer('caseworker', { sub: 'saksbehandler' });

const post = (url: string, payload: object, headers: Record<string, string>) => h.app.inject({ method: 'POST', url, payload, headers });
const get = (url: string, headers: Record<string, string>) => h.app.inject({ method: 'GET', url, headers });

// A case awaiting delivery with a sent data order to FHI, under a permit in the given state
// (or without a permit, as a data update within its decision has none).
async function dataOrder({ permitState, caseStatus = 'awaiting-delivery' }: { permitState?: 'active' | 'revoked' | 'expired' | 'closed'; caseStatus?: string } = {}) {
  let applicationId: string;
  let permitId: string | null = null;
  if (permitState) {
    const permit = await insertPermit(h, { state: permitState });
    ({ applicationId } = permit);
    permitId = permit.id;
  } else {
    applicationId = (await post('/applications', validSubmission, bearer('integrator'))).json().id;
  }
  await h.db('applications').where({ id: applicationId }).update({ status: caseStatus });
  const [{ id }] = await h.db('custodian_orders')
    .insert({ kind: 'data-order', state: 'sent', application_id: applicationId, permit_id: permitId, custodian_id: 'FHI', register_ids: ['MFR', 'NPR'], due_at: new Date(), sent_at: new Date() })
    .returning('id');
  return { applicationId, permitId, orderId: Number(id) };
}

const journaled = (applicationId: string) => h.db('journal_entries').where({ application_id: applicationId, entry_type: 'I', title: 'Bekreftelse på utlevering av data' });
const confirmations = (applicationId: string) => h.db('outbox').where({ application_id: applicationId }).whereRaw("payload->>'name' = 'delivery-confirmed'");
const orderRow = (orderId: number) => h.db('custodian_orders').where({ id: orderId }).first();

// Everything a refused confirmation must leave as it was.
async function snapshot(applicationId: string, orderId: number) {
  return { counts: await caseFileCounts(h.db), journal: await journaled(applicationId), order: await orderRow(orderId), status: (await h.db('applications').where({ id: applicationId }).first()).status };
}

describe('POST /orders/{orderId}/delivery', () => {
  it("confirms a data order once, queued for the case's process; a second confirmation gets 409 naming when, with one journal entry", async () => {
    const { applicationId, orderId } = await dataOrder({ permitState: 'active' });
    const first = await post(`/orders/${orderId}/delivery`, { analysisEnvironment: 'TSD' }, fhi);
    expect(first.statusCode, first.body).toBe(202);
    expect(first.json()).toMatchObject({ orderId, kind: 'data-order', state: 'delivered', custodianId: 'FHI', analysisEnvironment: 'TSD', messageId: expect.any(String) });
    expect(await confirmations(applicationId)).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ messageId: first.json().messageId, localCorrelationKeys: { custodianId: 'FHI' }, variables: { analysisEnvironment: 'TSD' } }) }),
    ]);
    const before = await snapshot(applicationId, orderId);

    // Sent again at once, by either path.
    for (const url of [`/orders/${orderId}/delivery`, `/applications/${applicationId}/orders/FHI/delivery`]) {
      const again = await post(url, { analysisEnvironment: 'TSD' }, fhi);
      expect(again.statusCode, url).toBe(409);
      expect(again.headers['content-type']).toContain('application/problem+json');
      expect(again.json().detail).toBe(`FHI confirmed this delivery on ${first.json().deliveredAt}`);
    }
    expect(await snapshot(applicationId, orderId)).toEqual(before);
    expect(await journaled(applicationId)).toHaveLength(1);
    expect(await confirmations(applicationId)).toHaveLength(1);
  });

  it('answers a repeat with the same Idempotency-Key with the first answer, and journals once', async () => {
    const { applicationId, orderId } = await dataOrder();
    const headers = { ...fhi, 'idempotency-key': `orders-test-bekreftelse-${orderId}` };
    const first = await post(`/orders/${orderId}/delivery`, { analysisEnvironment: 'SAFE' }, headers);
    expect(first.statusCode, first.body).toBe(202);
    const again = await post(`/orders/${orderId}/delivery`, { analysisEnvironment: 'SAFE' }, headers);
    expect(again.statusCode).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect((await post(`/orders/${orderId}/delivery`, { analysisEnvironment: 'TSD' }, headers)).statusCode).toBe(422);
    expect(await journaled(applicationId)).toHaveLength(1);
    expect(await confirmations(applicationId)).toHaveLength(1);
  });

  it.each(['revoked', 'expired', 'closed'] as const)('refuses a data order under a %s permit with 409 naming its state, and changes nothing', async (permitState) => {
    const { applicationId, orderId } = await dataOrder({ permitState });
    const before = await snapshot(applicationId, orderId);
    for (const url of [`/orders/${orderId}/delivery`, `/applications/${applicationId}/orders/FHI/delivery`]) {
      const res = await post(url, {}, fhi);
      expect(res.statusCode, url).toBe(409);
      expect(res.json().detail).toBe(`The permit is ${permitState}: no delivery is confirmed under it`);
    }
    expect(await snapshot(applicationId, orderId)).toEqual(before);
    expect(before.order).toMatchObject({ state: 'sent', delivered_at: null });
  });

  it('refuses a data order without a permit unless its case awaits delivery', async () => {
    const { applicationId, orderId } = await dataOrder({ caseStatus: 'closed' });
    const before = await snapshot(applicationId, orderId);
    const res = await post(`/orders/${orderId}/delivery`, {}, fhi);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('The case is closed: it is not awaiting delivery');
    expect(await snapshot(applicationId, orderId)).toEqual(before);
  });

  it("does not exist for another custodian, and tells it there is no order for it, not that the case does not exist", async () => {
    const { applicationId, orderId } = await dataOrder();
    const before = await snapshot(applicationId, orderId);
    const byId = await post(`/orders/${orderId}/delivery`, {}, dmp);
    expect(byId.statusCode).toBe(404);
    expect(byId.json().detail).toBe(`Order ${orderId} to DMP does not exist`);
    const byCase = await post(`/applications/${applicationId}/orders/DMP/delivery`, {}, dmp);
    expect(byCase.statusCode).toBe(404);
    expect(byCase.json().detail).toBe(`An order to DMP in application ${applicationId} does not exist`);
    expect((await post('/orders/999999999/delivery', {}, fhi)).statusCode).toBe(404);
    expect(await snapshot(applicationId, orderId)).toEqual(before);
  });

  it('confirms a periodic delivery at the same route, answered at once, and refuses it once the permit is revoked', async () => {
    const permit = await insertPermit(h, { periodicDeliveries: true });
    const requestId = await insertDeliveryOrders(h, permit.id, { FHI: ['MFR'] });
    const { id: orderId } = await h.db('custodian_orders').where({ request_id: requestId, custodian_id: 'FHI' }).first('id');
    const res = await post(`/orders/${orderId}/delivery`, { analysisEnvironment: 'TSD' }, fhi);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'periodic-delivery', state: 'delivered', messageId: null });

    const second = await insertDeliveryOrders(h, permit.id, { FHI: ['MFR'] });
    await h.db('permits').where({ id: permit.id }).update({ state: 'revoked' });
    const refused = await post(`/permits/${permit.id}/delivery-requests/${second}/delivery`, {}, fhi);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toBe('The permit is revoked: no delivery is confirmed under it');
    expect(await h.db('custodian_orders').where({ request_id: second }).first()).toMatchObject({ state: 'sent', delivered_at: null });
  });

  it('takes no confirmation for a notice', async () => {
    const permit = await insertPermit(h, { state: 'revoked' });
    const revocationId = crypto.randomUUID();
    await h.db('permit_revocations').insert({ id: revocationId, permit_id: permit.id, reason: 'Brudd', requested_by: 'saksbehandler', outcome: 'revoked' });
    const [{ id }] = await h.db('custodian_orders')
      .insert({ kind: 'stop', state: 'sent', application_id: permit.applicationId, permit_id: permit.id, revocation_id: revocationId, custodian_id: 'FHI', register_ids: ['MFR'], sent_at: new Date() })
      .returning('id');
    const res = await post(`/orders/${id}/delivery`, {}, fhi);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('The stop order to FHI is a notice: nothing is delivered under it');
  });
});

describe('GET /orders', () => {
  const fixture = { periodic: 0, stop: 0, stopped: 0, permitId: '' };

  beforeAll(async () => {
    const permit = await insertPermit(h, { periodicDeliveries: true });
    fixture.permitId = permit.id;
    const requestId = await insertDeliveryOrders(h, permit.id, { FHI: ['MFR'] });
    fixture.periodic = Number((await h.db('custodian_orders').where({ request_id: requestId }).first('id')).id);
    const revocationId = crypto.randomUUID();
    await h.db('permit_revocations').insert({ id: revocationId, permit_id: permit.id, reason: 'Brudd', requested_by: 'saksbehandler', outcome: 'revoked' });
    const [stop, stopped] = await h.db('custodian_orders')
      .insert([
        { kind: 'stop', state: 'sent', application_id: permit.applicationId, permit_id: permit.id, revocation_id: revocationId, custodian_id: 'FHI', register_ids: ['MFR'], sent_at: new Date() },
        { kind: 'data-order', state: 'stopped', application_id: permit.applicationId, permit_id: permit.id, custodian_id: 'FHI', register_ids: ['MFR'], due_at: new Date(), sent_at: new Date(), stopped_at: new Date() },
      ])
      .returning('id');
    fixture.stop = Number(stop.id);
    fixture.stopped = Number(stopped.id);
  });

  const listed = async (query: string, headers = fhi) => {
    const res = await get(`/orders?limit=100&${query}`, headers);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as { orderId: number; kind: string; state: string; permitId: string | null; dataSources: { registerId: string }[] }[];
  };

  it('lists every kind with its state: a periodic delivery and a stop order too', async () => {
    const items = await listed('');
    expect(items.find((o) => o.orderId === fixture.periodic)).toMatchObject({ kind: 'periodic-delivery', state: 'sent', permitId: fixture.permitId, dataSources: [{ registerId: 'MFR', variables: ['variabel'] }] });
    expect(items.find((o) => o.orderId === fixture.stop)).toMatchObject({ kind: 'stop', state: 'sent', dataSources: [] });
    expect(items.find((o) => o.orderId === fixture.stopped)).toMatchObject({ kind: 'data-order', state: 'stopped', stoppedAt: expect.any(String) });
  });

  it('filters by kind and state, and lists as not delivered only the orders still waiting for their custodian', async () => {
    const stops = await listed('kind=stop');
    expect(stops.map((o) => o.orderId)).toContain(fixture.stop);
    for (const order of stops) expect(order.kind).toBe('stop');
    const stopped = await listed('state=stopped', caseworker);
    expect(stopped.map((o) => o.orderId)).toContain(fixture.stopped);
    for (const order of stopped) expect(order.state).toBe('stopped');
    const open = (await listed('delivered=false')).map((o) => o.orderId);
    expect(open).toContain(fixture.periodic);
    expect(open).not.toContain(fixture.stop);
    expect(open).not.toContain(fixture.stopped);
    expect((await get('/orders?kind=refund', fhi)).statusCode).toBe(400);
    expect((await listed('', dmp)).map((o) => o.orderId)).not.toContain(fixture.periodic);
  });
});

describe('GET /stats', () => {
  it('counts orders of every kind, periodic deliveries too', async () => {
    const permit = await insertPermit(h, { periodicDeliveries: true });
    const requestId = await insertDeliveryOrders(h, permit.id, { FHI: ['MFR'] });
    const { id: delivered } = await h.db('custodian_orders').where({ request_id: requestId }).first('id');
    expect((await post(`/orders/${delivered}/delivery`, {}, fhi)).statusCode).toBe(200);
    await insertDeliveryOrders(h, permit.id, { FHI: ['MFR'] });
    // The period is in Norwegian days: between 23:00 and midnight UTC it is tomorrow in Oslo.
    const today = osloDay(new Date());
    const res = await get(`/stats?from=${today}&to=${today}`, caseworker);
    expect(res.statusCode).toBe(200);
    const { orders } = res.json();
    expect(Object.keys(orders).sort()).toEqual(['data-order', 'periodic-delivery', 'reinstatement', 'stop']);
    // Other test files share the database: the figures must match the case file.
    const count = async (where: Record<string, string>) => Number((await h.db('custodian_orders').where({ kind: 'periodic-delivery', ...where }).count<{ n: string }[]>('* as n'))[0]!.n);
    const periodic = orders['periodic-delivery'];
    expect(periodic.total).toBe(await count({}));
    expect(periodic.delivered).toBe(await count({ state: 'delivered' }));
    expect(periodic.open).toBe(await count({ state: 'sent' }));
    expect(periodic.delivered).toBeGreaterThanOrEqual(1);
    expect(periodic.open).toBeGreaterThanOrEqual(1);
    expect(periodic.deliveredInPeriod).toBeGreaterThanOrEqual(1);
  });
});
