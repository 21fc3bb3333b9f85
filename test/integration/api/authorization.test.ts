// The authorization matrix: every endpoint against every role, including an integrator reaching
// for another's case and a custodian for another custodian's order; then the tokens the API
// must refuse, and what each role sees in lists.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../api/auth.ts';
import { generateSigningKey, signToken } from '../../../platform/tokens.ts';
import { bearer, tokenFor, type TokenOptions } from '../auth.ts';
import { apiHarness, validSubmission } from '../harness.ts';
import { insertDeliveryOrders, insertPermit } from '../permit-fixtures.ts';

const h = apiHarness();

const callers: Record<string, [Role, TokenOptions]> = {
  integrator: ['integrator', { sub: 'integrator-a' }],
  otherIntegrator: ['integrator', { sub: 'integrator-b' }],
  custodian: ['custodian', { custodianId: 'FHI' }],
  otherCustodian: ['custodian', { custodianId: 'DMP' }],
  caseworker: ['caseworker', {}],
};
type Caller = keyof typeof callers;
const as = (caller: Caller) => bearer(...callers[caller]!);

// Cases of integrator-a, each in the state its endpoint waits for.
const cases: Record<'supplement' | 'forwarded' | 'delivery' | 'deliveryFromDmp' | 'appeal' | 'costEstimate' | 'statisticsOffer', string> = { supplement: '', forwarded: '', delivery: '', deliveryFromDmp: '', appeal: '', costEstimate: '', statisticsOffer: '' };

const orderToFhi = randomUUID();
// The data order to DMP in the case ordered from DMP alone.
let orderToDmp = 0;

async function submit(sub: string, status: string): Promise<string> {
  const res = await h.app.inject({ method: 'POST', url: '/applications', payload: validSubmission, headers: bearer('integrator', { sub }) });
  expect(res.statusCode).toBe(202);
  const { id } = res.json();
  await h.db('applications').where({ id }).update({ status });
  return id;
}

beforeAll(async () => {
  cases.supplement = await submit('integrator-a', 'awaiting-supplement');
  cases.forwarded = await submit('integrator-a', 'forwarded');
  cases.delivery = await submit('integrator-a', 'awaiting-delivery');
  cases.deliveryFromDmp = await submit('integrator-a', 'awaiting-delivery');
  cases.appeal = await submit('integrator-a', 'decided');
  // An EHDS case at its cost estimate: FHI and DMP asked, HDS's estimate sent to the applicant.
  cases.costEstimate = await submit('integrator-a', 'in-assessment');
  await h.db('cost_estimate_requests').insert(['FHI', 'DMP'].map((custodian_id) => ({ application_id: cases.costEstimate, custodian_id, register_ids: ['MFR'], requested_at: new Date(), due_at: new Date('2099-12-31') })));
  await h.db('cost_estimates').insert({ application_id: cases.costEstimate, base_fee_nok: 3000, hourly_rate_nok: 1155, expected_hours: 8, amount_nok: 12_240, sent_at: new Date(), answer_due_at: new Date('2099-12-31') });
  cases.statisticsOffer = await submit('integrator-a', 'decided');
  await h.db('statistics_offers').insert({ application_id: cases.statisticsOffer, offered_text: 'Tabeller per fylke.', offered_by: 'beslutter', offered_at: new Date(), answer_due_at: new Date('2099-12-31') });
  await submit('integrator-b', 'received');
  const sent = { kind: 'data-order', state: 'sent', due_at: new Date('2026-12-31'), sent_at: new Date() };
  await h.db('custodian_orders').insert([
    { application_id: cases.delivery, custodian_id: 'FHI', register_ids: ['MFR'], ...sent },
    { application_id: cases.delivery, custodian_id: 'DMP', register_ids: ['NPR'], ...sent },
  ]);
  [{ id: orderToDmp }] = await h.db('custodian_orders').insert({ application_id: cases.deliveryFromDmp, custodian_id: 'DMP', register_ids: ['NPR'], ...sent, due_at: new Date('2099-12-31') }).returning('id');
  // Its fee agreement (EHDS, Art. 62(4)), as send-custodian-order plans it.
  await h.db('fee_agreements').insert({ order_id: orderToDmp, application_id: cases.deliveryFromDmp, rule: 'fee-agreement', due_at: new Date('2099-12-31') });
  await h.db('applications').where({ id: cases.deliveryFromDmp }).update({ rulebook: 'ehds' });
  await h.db('decisions').insert({ application_id: cases.appeal, decided_by_body: 'HDS', outcome: 'refusal', appeal_deadline: '2099-12-31' });
  await h.db('appeals').insert({ application_id: cases.appeal, process_instance_id: `appeal-${cases.appeal}`, received_on: '2026-12-01', within_deadline: true });
  await h.db('audit_events').insert({ application_id: cases.appeal, step: `appeal-forwarded:appeal-${cases.appeal}`, actor: 'system' });
  // Permits of integrator-a on FHI's registers, one expired (waiting for its deletion to be
  // confirmed), one whose period runs and that allows repeated deliveries.
  permits.expired = (await insertPermit(h, { state: 'expired' })).id;
  permits.running = (await insertPermit(h, { periodicDeliveries: true })).id;
  permits.orderedFromFhi = await insertDeliveryOrders(h, permits.running, { FHI: ['MFR'] });
  // The order to FHI as a document of the delivery case (its content does not matter here).
  await h.db('documents').insert({
    id: orderToFhi,
    application_id: cases.delivery,
    step: 'custodian-order:FHI',
    kind: 'custodian-order',
    title: 'Bestilling av data etter vedtak',
    template: 'custodian-order',
    template_version: 'test',
    content: Buffer.from('%PDF-1.7'),
    sha256: 'test',
    size_bytes: 8,
    recipient_kind: 'custodian',
    recipient_name: 'Folkehelseinstituttet',
    custodian_id: 'FHI',
    created_at: new Date(),
  });
});

const permits = { expired: '', running: '', orderedFromFhi: '' };

type Row = { method: 'GET' | 'POST'; url: () => string; body?: object; expected: Record<Caller, number> };

const denied = { integrator: 403, otherIntegrator: 403, custodian: 403, otherCustodian: 403, caseworker: 403 };

const matrix: Record<string, Row> = {
  'POST /applications': { method: 'POST', url: () => '/applications', body: validSubmission, expected: { ...denied, integrator: 202, otherIntegrator: 202 } },
  'GET /applications': { method: 'GET', url: () => '/applications', expected: { ...denied, integrator: 200, otherIntegrator: 200, caseworker: 200 } },
  'GET /applications/{id}': { method: 'GET', url: () => `/applications/${cases.supplement}`, expected: { ...denied, integrator: 200, otherIntegrator: 404, caseworker: 200 } },
  // A custodian reaches only the documents sent to it; a case with none does not exist for it.
  'GET documents': {
    method: 'GET',
    url: () => `/applications/${cases.delivery}/documents`,
    expected: { integrator: 200, otherIntegrator: 404, custodian: 200, otherCustodian: 404, caseworker: 200 },
  },
  'GET a document': {
    method: 'GET',
    url: () => `/applications/${cases.delivery}/documents/${orderToFhi}`,
    expected: { integrator: 200, otherIntegrator: 404, custodian: 200, otherCustodian: 404, caseworker: 200 },
  },
  'GET journal': { method: 'GET', url: () => `/applications/${cases.delivery}/journal`, expected: { ...denied, integrator: 200, otherIntegrator: 404, caseworker: 200 } },
  'POST supplements': {
    method: 'POST',
    url: () => `/applications/${cases.supplement}/supplements`,
    body: { note: 'Vedlegg' },
    expected: { ...denied, integrator: 202, otherIntegrator: 404 },
  },
  'POST external-decision': {
    method: 'POST',
    url: () => `/applications/${cases.forwarded}/external-decision`,
    body: { outcome: 'grant', reference: 'REK 2026/1' },
    expected: { ...denied, caseworker: 202 },
  },
  'POST orders/FHI/delivery': { method: 'POST', url: () => `/applications/${cases.delivery}/orders/FHI/delivery`, body: {}, expected: { ...denied, custodian: 202 } },
  // FHI has no order in this case, so for FHI the case does not exist.
  'POST orders/FHI/delivery, ordered from DMP only': {
    method: 'POST',
    url: () => `/applications/${cases.deliveryFromDmp}/orders/FHI/delivery`,
    body: {},
    expected: { ...denied, custodian: 404 },
  },
  // The one confirmation route: DMP confirms its own order; for FHI it does not exist.
  // The EHDS case's order to DMP: its deadline extended by DMP once (before the delivery below).
  'POST /orders/{orderId}/extension': {
    method: 'POST',
    url: () => `/orders/${orderToDmp}/extension`,
    body: { months: 1, reason: 'Uttrekket krever mer tid enn ventet.' },
    expected: { ...denied, custodian: 404, otherCustodian: 202 },
  },
  'POST /orders/{orderId}/fee-agreement': { method: 'POST', url: () => `/orders/${orderToDmp}/fee-agreement`, body: { amountNok: 12_000 }, expected: { ...denied, custodian: 404, otherCustodian: 202 } },
  'POST /orders/{orderId}/delivery': { method: 'POST', url: () => `/orders/${orderToDmp}/delivery`, body: {}, expected: { ...denied, custodian: 404, otherCustodian: 202 } },
  'POST appeals': {
    method: 'POST',
    url: () => `/applications/${cases.appeal}/appeals`,
    body: { grounds: 'Uenig' },
    expected: { ...denied, integrator: 202, otherIntegrator: 404 },
  },
  'POST helseklage-decision': {
    method: 'POST',
    url: () => `/applications/${cases.appeal}/appeals/helseklage-decision`,
    body: { outcome: 'uphold', reference: 'HK 2026/1' },
    expected: { ...denied, caseworker: 202 },
  },
  // Each custodian gives the estimate on its own request only.
  'POST cost-estimates/FHI': {
    method: 'POST',
    url: () => `/applications/${cases.costEstimate}/cost-estimates/FHI`,
    body: { amountNok: 1000, description: 'Uttrekk' },
    expected: { ...denied, custodian: 200 },
  },
  'POST cost-estimate/answer': {
    method: 'POST',
    url: () => `/applications/${cases.costEstimate}/cost-estimate/answer`,
    body: { answer: 'accept' },
    expected: { ...denied, integrator: 202, otherIntegrator: 404 },
  },
  'POST statistics-offer/answer': {
    method: 'POST',
    url: () => `/applications/${cases.statisticsOffer}/statistics-offer/answer`,
    body: { answer: 'decline' },
    expected: { ...denied, integrator: 202, otherIntegrator: 404 },
  },
  'GET /orders': { method: 'GET', url: () => '/orders', expected: { ...denied, custodian: 200, otherCustodian: 200, caseworker: 200 } },
  'GET /stats': { method: 'GET', url: () => '/stats', expected: { ...denied, caseworker: 200 } },
  // FHI holds the permits' registers; DMP holds none of them, so for DMP they do not exist.
  'GET /permits': { method: 'GET', url: () => '/permits', expected: { integrator: 200, otherIntegrator: 200, custodian: 200, otherCustodian: 200, caseworker: 200 } },
  'GET /permits/{id}': { method: 'GET', url: () => `/permits/${permits.expired}`, expected: { integrator: 200, otherIntegrator: 404, custodian: 200, otherCustodian: 404, caseworker: 200 } },
  'POST deletion-confirmation': {
    method: 'POST',
    url: () => `/permits/${permits.expired}/deletion-confirmation`,
    body: { outcome: 'deleted' },
    expected: { ...denied, integrator: 202, otherIntegrator: 404, custodian: 202, otherCustodian: 404 },
  },
  'POST delivery-requests': {
    method: 'POST',
    url: () => `/permits/${permits.running}/delivery-requests`,
    body: { dataSources: [validSubmission.dataSources[0]] },
    expected: { ...denied, integrator: 202, otherIntegrator: 404 },
  },
  'POST delivery-requests/{requestId}/delivery': {
    method: 'POST',
    url: () => `/permits/${permits.running}/delivery-requests/${permits.orderedFromFhi}/delivery`,
    body: {},
    expected: { ...denied, custodian: 200, otherCustodian: 404 },
  },
  'POST revocation': { method: 'POST', url: () => `/permits/${permits.running}/revocation`, body: { reason: 'Brudd på vilkår' }, expected: { ...denied, caseworker: 202 } },
};

const request = (row: Row, headers: Record<string, string>) => h.app.inject({ method: row.method, url: row.url(), payload: row.body, headers });

describe('authorization matrix', () => {
  const cells = Object.entries(matrix).flatMap(([endpoint, row]) =>
    (Object.keys(callers) as Caller[]).map((caller) => [endpoint, caller, row.expected[caller]] as const),
  );

  it.each(cells)('%s as %s answers %i', async (endpoint, caller, status) => {
    const res = await request(matrix[endpoint]!, as(caller));
    expect(res.statusCode, res.body).toBe(status);
    if (status !== undefined && status >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it.each(Object.keys(matrix))('%s without a token answers 401 with a Bearer challenge', async (endpoint) => {
    const res = await request(matrix[endpoint]!, {});
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.json()).toMatchObject({ status: 401, type: 'https://helsedata.no/problems/unauthenticated' });
  });

  it('leaves the probes, metrics and the API description open', async () => {
    for (const url of ['/health/live', '/metrics', '/openapi.json']) {
      expect((await h.app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    }
  });
});

describe('tokens the API refuses', () => {
  const stranger = generateSigningKey();
  const listAsIntegrator = (authorization: string) => h.app.inject({ method: 'GET', url: '/applications', headers: { authorization } });

  it.each([
    ['expired', `Bearer ${tokenFor('integrator', { claims: { exp: Math.floor(Date.now() / 1000) - 60 } })}`],
    ['for another audience', `Bearer ${tokenFor('integrator', { claims: { aud: 'another-api' } })}`],
    ['from another issuer', `Bearer ${tokenFor('integrator', { claims: { iss: 'https://elsewhere.example' } })}`],
    ['signed with an unknown key', `Bearer ${signToken(stranger, { iss: 'hds-local', aud: 'hds-case-api', sub: 'x', roles: ['integrator'], scope: 'applications:read' })}`],
    ['without a subject', `Bearer ${tokenFor('integrator', { sub: '' })}`],
    ['tampered with', `Bearer ${tokenFor('integrator').replace(/\.([^.]+)\./, (_, payload) => `.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), roles: ['caseworker'] })).toString('base64url')}.`)}`],
    ['not a bearer token', 'Basic ZGVtbzpkZW1v'],
  ])('answers 401 to a token %s', async (_what, authorization) => {
    const res = await listAsIntegrator(authorization);
    expect(res.statusCode).toBe(401);
    expect(res.json().status).toBe(401);
  });

  it('answers 403 naming the missing scope, and a custodian token without its custodian', async () => {
    const noScope = await h.app.inject({ method: 'POST', url: '/applications', payload: validSubmission, headers: bearer('integrator', { scopes: ['applications:read'] }) });
    expect(noScope.statusCode).toBe(403);
    expect(noScope.json().detail).toBe('The token lacks the scope applications:write');
    const anonymousCustodian = await h.app.inject({ method: 'GET', url: '/orders', headers: bearer('custodian') });
    expect(anonymousCustodian.statusCode).toBe(403);
  });
});

describe('what each role sees', () => {
  it('an integrator lists only the cases it submitted; a caseworker lists all', async () => {
    const list = async (caller: Caller) =>
      (await h.app.inject({ method: 'GET', url: '/applications?limit=100', headers: as(caller) })).json().items.map((item: { id: string }) => item.id);
    const own = await h.db('applications').where({ submitted_by: 'integrator-a' }).pluck('id');
    expect((await list('integrator')).sort()).toEqual(own.sort());
    const others = await list('otherIntegrator');
    expect(others.length).toBeGreaterThan(0);
    expect(others.filter((id: string) => own.includes(id))).toEqual([]);
    expect(await list('caseworker')).toEqual(expect.arrayContaining([...own, ...others]));
  });

  it('a custodian lists only its own orders, with the data they ask for', async () => {
    const orders = async (caller: Caller) => (await h.app.inject({ method: 'GET', url: '/orders', headers: as(caller) })).json().items;
    type Order = { custodianId: string; applicationId: string; dataSources: unknown[] };
    const custodiansIn = (orders: Order[]) => [...new Set(orders.map((o) => o.custodianId))];
    const fhi: Order[] = await orders('custodian');
    expect(custodiansIn(fhi)).toEqual(['FHI']);
    const fhiOrder = fhi.find((o) => o.applicationId === cases.delivery);
    expect(fhiOrder).toMatchObject({ registerIds: ['MFR'], dataKind: 'identifiable', linkage: true });
    expect(fhiOrder!.dataSources).toEqual([validSubmission.dataSources[0]]);
    expect(custodiansIn(await orders('otherCustodian'))).toEqual(['DMP']);
    const all: Order[] = await orders('caseworker');
    expect(all.filter((o) => o.applicationId === cases.delivery).map((o) => o.custodianId).sort()).toEqual(['DMP', 'FHI']);
  });
});
