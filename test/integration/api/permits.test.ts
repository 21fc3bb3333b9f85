// The permit API against the real database: who sees which permit, what a permit shows, and
// the messages into the permit process (deletion confirmation, revocation, delivery request),
// each accepted only in the state the process waits for it, with problem details and
// Idempotency-Key as everywhere else; custodians' confirmations of a periodic delivery; and
// the permit figures of /stats.
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../auth.ts';
import { apiHarness, validSubmission } from '../harness.ts';
import { insertDeliveryOrders, insertPermit } from '../permit-fixtures.ts';

const h = apiHarness();

const integrator = bearer('integrator', { sub: 'integrator-a' });
const otherIntegrator = bearer('integrator', { sub: 'integrator-b' });
const fhi = bearer('custodian', { custodianId: 'FHI' });
const dmp = bearer('custodian', { custodianId: 'DMP' });
const caseworker = bearer('caseworker', { sub: 'saksbehandler' });

const withBivirk = { ...validSubmission, dataSources: [validSubmission.dataSources[0], { registerId: 'BIVIRK', variables: ['legemiddel'], period: { startDate: '2010-01-01', endDate: '2020-12-31' } }] };

const permits = { active: '', expired: '', periodic: '', others: '', revoked: '' };

beforeAll(async () => {
  permits.active = (await insertPermit(h, { decidedAt: new Date('2026-01-10T10:00:00Z') })).id;
  permits.expired = (await insertPermit(h, { state: 'expired', decidedAt: new Date('2026-01-11T10:00:00Z') })).id;
  permits.periodic = (await insertPermit(h, { periodicDeliveries: true, submission: withBivirk, decidedAt: new Date('2026-01-12T10:00:00Z') })).id;
  permits.revoked = (await insertPermit(h, { state: 'revoked', decidedAt: new Date('2026-01-13T10:00:00Z') })).id;
  permits.others = (await insertPermit(h, { submittedBy: 'integrator-b', decidedAt: new Date('2026-01-14T10:00:00Z') })).id;
});

const get = (url: string, headers: Record<string, string>) => h.app.inject({ method: 'GET', url, headers });
const post = (url: string, payload: object, headers: Record<string, string>) => h.app.inject({ method: 'POST', url, payload, headers });
const ids = async (url: string, headers: Record<string, string>) => (await get(url, headers)).json().items.map((p: { id: string }) => p.id);

describe('GET /permits', () => {
  it('lists an integrator its own permits, a custodian those with its sources and a caseworker all, newest decision first', async () => {
    const own = await ids('/permits?limit=100', integrator);
    expect(own).toEqual(expect.arrayContaining([permits.active, permits.expired, permits.periodic, permits.revoked]));
    expect(own).not.toContain(permits.others);
    expect(await ids('/permits?limit=100', otherIntegrator)).toEqual(expect.arrayContaining([permits.others]));
    expect(await ids('/permits?limit=100', otherIntegrator)).not.toContain(permits.active);
    // Other test files' permits may be there too; of this file's, DMP holds only BIVIRK's.
    const dmpSees = await ids('/permits?limit=100', dmp);
    expect(dmpSees).toContain(permits.periodic);
    for (const id of [permits.active, permits.expired, permits.revoked, permits.others]) expect(dmpSees).not.toContain(id);
    expect(await ids('/permits?limit=100', fhi)).toEqual(expect.arrayContaining(Object.values(permits)));
    const all = await ids('/permits?limit=100', caseworker);
    expect(all.indexOf(permits.others)).toBeLessThan(all.indexOf(permits.active));
  });

  it('filters by state and source, and pages with a cursor', async () => {
    const expired = (await get('/permits?state=expired&limit=100', integrator)).json().items;
    expect(expired.map((p: { id: string }) => p.id)).toContain(permits.expired);
    for (const permit of expired) expect(permit.state).toBe('expired');
    const bivirk = await ids('/permits?registerId=BIVIRK&limit=100', caseworker);
    expect(bivirk).toContain(permits.periodic);
    for (const id of [permits.active, permits.expired, permits.revoked, permits.others]) expect(bivirk).not.toContain(id);
    const first = (await get('/permits?limit=2', integrator)).json();
    expect(first.items).toHaveLength(2);
    const second = (await get(`/permits?limit=2&cursor=${first.nextCursor}`, integrator)).json();
    expect(second.items.map((p: { id: string }) => p.id)).not.toContain(first.items[0].id);
    const bad = await get('/permits?cursor=nonsense', integrator);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'querystring.cursor', message: 'is not a cursor this API issued' }]);
    expect((await get('/permits?state=sleeping', integrator)).json().errors[0].field).toBe('querystring.state');
  });
});

describe('GET /permits/{id}', () => {
  it('shows the holder, sources and variables with their custodians, environment, period, conditions, state and history', async () => {
    const res = await get(`/permits/${permits.periodic}`, integrator);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: permits.periodic,
      state: 'active',
      stateName: 'Aktiv',
      version: 1,
      holder: { institutionName: 'Folkehelseinstituttet', organisationNumber: '983744516', projectLeader: { name: 'Kari Nordmann', email: 'kari.nordmann@example.no' } },
      personsWithAccess: [{ name: 'Kari Nordmann', role: 'Prosjektleder (ansvarlig)' }],
      projectTitle: validSubmission.project.title,
      purposeCategory: 'research',
      dataSources: [
        { registerId: 'MFR', variables: ['svangerskapsdiabetes', 'fodselsaar'], custodianId: 'FHI' },
        { registerId: 'BIVIRK', variables: ['legemiddel'], custodianId: 'DMP' },
      ],
      registerIds: ['MFR', 'BIVIRK'],
      analysisEnvironment: 'TSD',
      period: { startDate: '2025-01-01', endDate: '2029-12-31' },
      conditions: 'Resultater publiseres bare aggregert.',
      periodicDeliveries: true,
      decidingBody: 'HDS',
      // The Norwegian rules set no last day to ask for an extension.
      extensionRequestBy: null,
      decidedAt: '2026-01-12T10:00:00.000Z',
      history: [{ version: 1, terms: expect.objectContaining({ period: { startDate: '2025-01-01', endDate: '2029-12-31' } }) }],
      deletionConfirmations: [],
      revocations: [],
      deliveryRequests: [],
    });
  });

  it("gives an EHDS permit's last day to ask for an extension, a month before its end", async () => {
    const { id, applicationId } = await insertPermit(h);
    await h.db('applications').where({ id: applicationId }).update({ rulebook: 'ehds' });
    const res = await get(`/permits/${id}`, integrator);
    expect(res.statusCode).toBe(200);
    // The period ends 31 December 2029.
    expect(res.json()).toMatchObject({ period: { endDate: '2029-12-31' }, extensionRequestBy: '2029-11-30' });
  });

  it('does not exist for another integrator, or for a custodian without its sources', async () => {
    for (const headers of [otherIntegrator, dmp]) {
      const res = await get(`/permits/${permits.active}`, headers);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await get(`/permits/${permits.periodic}`, dmp)).statusCode).toBe(200);
    expect((await get('/permits/not-a-uuid', caseworker)).json().errors[0].field).toBe('params.id');
  });
});

describe('POST /permits/{id}/deletion-confirmation', () => {
  const url = (id: string) => `/permits/${id}/deletion-confirmation`;

  it('is refused while the period runs, and for a permit the caller does not hold', async () => {
    const running = await post(url(permits.active), { outcome: 'deleted' }, integrator);
    expect(running.statusCode).toBe(409);
    expect(running.json()).toMatchObject({ type: 'https://helsedata.no/problems/wrong-state', detail: expect.stringContaining('active') });
    expect((await post(url(permits.expired), { outcome: 'deleted' }, otherIntegrator)).statusCode).toBe(404);
  });

  it('names every invalid field', async () => {
    const res = await post(url(permits.expired), { outcome: 'burnt', extra: 1 }, integrator);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'outcome']);
  });

  it("accepts the holder's confirmation of an expired permit once per Idempotency-Key, and queues it for the permit process", async () => {
    const headers = { ...integrator, 'idempotency-key': 'slett-1' };
    const first = await post(url(permits.expired), { outcome: 'returned', note: 'Returnert på disk.' }, headers);
    expect(first.statusCode, first.body).toBe(202);
    const again = await post(url(permits.expired), { outcome: 'returned', note: 'Returnert på disk.' }, headers);
    expect(again.statusCode).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect((await post(url(permits.expired), { outcome: 'deleted' }, headers)).statusCode).toBe(422);

    const rows = await h.db('permit_deletion_confirmations').where({ permit_id: permits.expired });
    expect(rows).toMatchObject([{ confirmed_as: 'holder', confirmed_by: 'integrator-a', outcome: 'returned', note: 'Returnert på disk.', key: `message:${first.json().messageId}` }]);
    const command = await h.db('outbox').whereRaw("payload->>'messageId' = ?", [first.json().messageId]).first();
    expect(command.payload).toMatchObject({ name: 'deletion-confirmed', starts: false });

    const custodian = await post(url(permits.expired), { outcome: 'deleted' }, fhi);
    expect(custodian.statusCode).toBe(202);
    expect(await h.db('permit_deletion_confirmations').where({ permit_id: permits.expired, confirmed_as: 'custodian' }).first()).toMatchObject({ custodian_id: 'FHI' });
  });
});

describe('POST /permits/{id}/revocation', () => {
  const url = (id: string) => `/permits/${id}/revocation`;

  it('needs a reason, a caseworker, and a permit whose period runs', async () => {
    const noReason = await post(url(permits.active), {}, caseworker);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([{ field: 'reason', message: "must have required property 'reason'" }]);
    expect((await post(url(permits.active), { reason: 'Brudd' }, integrator)).statusCode).toBe(403);
    const expired = await post(url(permits.revoked), { reason: 'Brudd' }, caseworker);
    expect(expired.statusCode).toBe(409);
  });

  it('records the request with its reason and queues it, one undecided revocation at a time', async () => {
    const res = await post(url(permits.active), { reason: 'Data delt med en tredjepart.' }, caseworker);
    expect(res.statusCode, res.body).toBe(202);
    const { revocationId, messageId } = res.json();
    expect(await h.db('permit_revocations').where({ id: revocationId }).first()).toMatchObject({ permit_id: permits.active, reason: 'Data delt med en tredjepart.', requested_by: 'saksbehandler', outcome: null });
    const command = await h.db('outbox').whereRaw("payload->>'messageId' = ?", [messageId]).first();
    expect(command.payload.variables).toMatchObject({ revocationId, revocationReason: 'Data delt med en tredjepart.', revocationRequestedBy: 'saksbehandler', revocationOutcome: null });
    expect((await post(url(permits.active), { reason: 'Igjen' }, caseworker)).statusCode).toBe(409);
  });
});

describe('POST /permits/{id}/delivery-requests', () => {
  const url = (id: string) => `/permits/${id}/delivery-requests`;
  const request = { dataSources: [validSubmission.dataSources[0]] };

  it('is refused for a permit that does not allow repeated deliveries', async () => {
    const res = await post(url(permits.expired), request, integrator);
    expect(res.statusCode).toBe(409);
    const notPeriodic = await post(url(permits.others), request, otherIntegrator);
    expect(notPeriodic.statusCode).toBe(409);
    expect(notPeriodic.json().detail).toContain('change application');
  });

  it('validates the sources asked for as the application form does', async () => {
    const res = await post(url(permits.periodic), { dataSources: [{ registerId: 'NOPE', variables: [], period: { startDate: '2020-01-01', endDate: '2019-01-01' } }] }, integrator);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['dataSources.0.period.endDate', 'dataSources.0.registerId', 'dataSources.0.variables']);
  });

  it('queues the request of a periodic permit for its check, one at a time', async () => {
    const res = await post(url(permits.periodic), request, integrator);
    expect(res.statusCode, res.body).toBe(202);
    expect(await h.db('permit_delivery_requests').where({ id: res.json().deliveryRequestId }).first()).toMatchObject({ permit_id: permits.periodic, requested_by: 'integrator-a', outcome: null });
    expect((await post(url(permits.periodic), request, integrator)).statusCode).toBe(409);
    expect((await post(url(permits.periodic), request, fhi)).statusCode).toBe(403);
  });
});

describe('POST /permits/{id}/delivery-requests/{requestId}/delivery', () => {
  const url = (permitId: string, requestId: string) => `/permits/${permitId}/delivery-requests/${requestId}/delivery`;
  const order = (requestId: string, custodianId: string) => h.db('custodian_orders').where({ kind: 'periodic-delivery', request_id: requestId, custodian_id: custodianId }).first();
  // A periodic permit on MFR (FHI) and BIVIRK (DMP): one request ordered from both, one from FHI alone.
  const delivery = { permitId: '', fromBoth: '', fromFhi: '' };

  beforeAll(async () => {
    delivery.permitId = (await insertPermit(h, { periodicDeliveries: true, submission: withBivirk })).id;
    delivery.fromBoth = await insertDeliveryOrders(h, delivery.permitId, { FHI: ['MFR'], DMP: ['BIVIRK'] });
    delivery.fromFhi = await insertDeliveryOrders(h, delivery.permitId, { FHI: ['MFR'] });
  });

  it("records the custodian's delivery once per Idempotency-Key, with an audit step, and refuses a second confirmation", async () => {
    const headers = { ...fhi, 'idempotency-key': 'levert-1' };
    const first = await post(url(delivery.permitId, delivery.fromBoth), { analysisEnvironment: 'TSD' }, headers);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ kind: 'periodic-delivery', state: 'delivered', custodianId: 'FHI', registerIds: ['MFR'], sentAt: expect.any(String), deliveredAt: expect.any(String), analysisEnvironment: 'TSD', messageId: null });
    const recorded = await order(delivery.fromBoth, 'FHI');
    expect(recorded.analysis_environment).toBe('TSD');
    expect(recorded.delivered_at.toISOString()).toBe(first.json().deliveredAt);
    const permit = await h.db('permits').where({ id: delivery.permitId }).first();
    const step = await h.db('audit_events').where({ application_id: permit.application_id, step: `order-delivered:periodic-delivery:${delivery.fromBoth}:FHI` }).first();
    expect(step).toMatchObject({ actor: 'custodian-FHI', detail: { orderId: Number(recorded.id), kind: 'periodic-delivery', analysisEnvironment: 'TSD' } });
    // Journaled as an incoming document from the custodian, once.
    const journaled = () => h.db('journal_entries').where({ application_id: permit.application_id, entry_type: 'I', title: 'Bekreftelse på utlevering av data' }).select('correspondent', 'case_reference');
    expect(await journaled()).toEqual([{ correspondent: 'FHI', case_reference: permit.reference }]);

    const again = await post(url(delivery.permitId, delivery.fromBoth), { analysisEnvironment: 'TSD' }, headers);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect((await post(url(delivery.permitId, delivery.fromBoth), { analysisEnvironment: 'SAFE' }, headers)).statusCode).toBe(422);

    for (const other of [fhi, { ...fhi, 'idempotency-key': 'levert-2' }]) {
      const twice = await post(url(delivery.permitId, delivery.fromBoth), { analysisEnvironment: 'SAFE' }, other);
      expect(twice.statusCode).toBe(409);
      expect(twice.headers['content-type']).toContain('application/problem+json');
      expect(twice.json()).toMatchObject({ type: 'https://helsedata.no/problems/wrong-state', detail: expect.stringContaining('FHI confirmed this delivery') });
    }
    expect(await order(delivery.fromBoth, 'FHI')).toEqual(recorded);
    expect(await journaled()).toHaveLength(1);
    // The refused key is free for another request.
    expect((await post(url(delivery.permitId, delivery.fromFhi), {}, { ...fhi, 'idempotency-key': 'levert-2' })).statusCode).toBe(200);
    expect(await order(delivery.fromFhi, 'FHI')).toMatchObject({ analysis_environment: null, delivered_at: expect.any(Date) });
  });

  it('does not exist for a custodian without an order in the request, or without the permit', async () => {
    const unknownRequest = '00000000-0000-4000-8000-000000000000';
    const cases = [
      { permitId: delivery.permitId, requestId: delivery.fromFhi, headers: dmp },
      { permitId: delivery.permitId, requestId: unknownRequest, headers: fhi },
      { permitId: permits.active, requestId: delivery.fromBoth, headers: fhi },
      { permitId: permits.active, requestId: delivery.fromBoth, headers: dmp },
    ];
    for (const { permitId, requestId, headers } of cases) {
      const res = await post(url(permitId, requestId), { analysisEnvironment: 'TSD' }, headers);
      expect(res.statusCode, `${permitId} ${requestId}`).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await order(delivery.fromBoth, 'DMP')).toMatchObject({ delivered_at: null, analysis_environment: null });
  });

  it('names every invalid field and changes nothing', async () => {
    const res = await post(url(delivery.permitId, delivery.fromBoth), { analysisEnvironment: '', deliveredAt: '2026-01-01' }, dmp);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['analysisEnvironment', 'deliveredAt']);
    expect((await post(url(delivery.permitId, 'not-a-uuid'), {}, dmp)).json().errors[0].field).toBe('params.requestId');
    expect((await post(url(delivery.permitId, delivery.fromBoth), {}, integrator)).statusCode).toBe(403);
    expect(await order(delivery.fromBoth, 'DMP')).toMatchObject({ delivered_at: null, analysis_environment: null });
  });

  it("shows each request's orders with when they were sent and delivered", async () => {
    const dmpDelivered = await post(url(delivery.permitId, delivery.fromBoth), { analysisEnvironment: 'HUNT Cloud' }, dmp);
    expect(dmpDelivered.statusCode, dmpDelivered.body).toBe(200);
    const res = await get(`/permits/${delivery.permitId}`, integrator);
    expect(res.statusCode).toBe(200);
    const requests = res.json().deliveryRequests;
    const ordersOf = (requestId: string) => requests.find((r: { id: string }) => r.id === requestId).orders;
    expect(ordersOf(delivery.fromBoth)).toEqual([
      { orderId: expect.any(Number), state: 'delivered', custodianId: 'DMP', registerIds: ['BIVIRK'], sentAt: expect.any(String), deliveredAt: dmpDelivered.json().deliveredAt, analysisEnvironment: 'HUNT Cloud', documentId: null },
      { orderId: expect.any(Number), state: 'delivered', custodianId: 'FHI', registerIds: ['MFR'], sentAt: expect.any(String), deliveredAt: expect.any(String), analysisEnvironment: 'TSD', documentId: null },
    ]);
    expect(ordersOf(delivery.fromFhi)).toEqual([
      { orderId: expect.any(Number), state: 'delivered', custodianId: 'FHI', registerIds: ['MFR'], sentAt: expect.any(String), deliveredAt: expect.any(String), analysisEnvironment: null, documentId: null },
    ]);
  });
});

describe('GET /stats', () => {
  it('counts permits per source: running, ending within 90 days, expired without confirmed deletion, revoked', async () => {
    const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await insertPermit(h, { submission: { ...validSubmission, dataSources: [{ registerId: 'SYSVAK', variables: ['vaksine'], period: { startDate: '2010-01-01', endDate: '2020-12-31' } }], project: { ...validSubmission.project, period: { startDate: '2025-01-01', endDate: soon } } } });
    const res = await get('/stats', caseworker);
    expect(res.statusCode).toBe(200);
    const { permits: figures } = res.json();
    // Other test files of the run may have made permits too: the figures must match the case file.
    const count = async (states: string[], registerId: string, endingBy?: string) => {
      const [row] = await h.db('permits as p')
        .join('permit_sources as s', 's.permit_id', 'p.id')
        .whereIn('p.state', states)
        .where('s.register_id', registerId)
        .modify((q) => (endingBy ? q.where('p.ends_on', '<=', endingBy) : q))
        .count<{ n: string }[]>('* as n');
      return Number(row!.n) || undefined;
    };
    const in90Days = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    for (const registerId of ['MFR', 'BIVIRK', 'SYSVAK']) {
      expect(figures.active[registerId], registerId).toBe(await count(['active', 'extended'], registerId));
      expect(figures.expiringWithin90Days[registerId], registerId).toBe(await count(['active', 'extended'], registerId, in90Days));
      expect(figures.expiredWithoutDeletionConfirmation[registerId], registerId).toBe(await count(['expired'], registerId));
      expect(figures.revoked[registerId], registerId).toBe(await count(['revoked'], registerId));
    }
    expect(figures.expiringWithin90Days.SYSVAK).toBe(1);
    expect(figures.expiredWithoutDeletionConfirmation.MFR).toBeGreaterThan(0);
    expect(figures.revoked.MFR).toBeGreaterThan(0);
  });
});
