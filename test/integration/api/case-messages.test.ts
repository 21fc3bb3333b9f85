// Messages into a running case over the API: accepted only when the case waits for them,
// stored with their engine command, and refused without writing anything otherwise.
import { describe, expect, it } from 'vitest';
import { apiHarness, caseFileCounts, validSubmission } from '../harness.ts';
import { bearer, senderOf } from '../auth.ts';

const h = apiHarness();

async function newCase(status?: string): Promise<string> {
  const res = await h.app.inject({ method: 'POST', url: '/applications', payload: validSubmission, headers: bearer('integrator') });
  const { id } = res.json();
  if (status) await h.db('applications').where({ id }).update({ status });
  return id;
}

const post = (url: string, payload: object) => h.app.inject({ method: 'POST', url, payload, headers: senderOf(url) });
const command = async (id: string, name: string) =>
  (await h.db('outbox').where({ application_id: id })).map((r) => r.payload).find((p) => p.name === name);

describe('case messages', () => {
  it('takes a supplement while the case waits for one, and queues it for the engine', async () => {
    const id = await newCase('awaiting-supplement');
    const res = await post(`/applications/${id}/supplements`, { note: 'Protokoll vedlagt' });
    expect(res.statusCode).toBe(202);
    const { messageId } = res.json();
    expect(await command(id, 'supplement-received')).toEqual({
      name: 'supplement-received',
      businessKey: id,
      messageId,
      starts: false,
      variables: { supplementNote: 'Protokoll vedlagt' },
    });
    expect(await h.db('audit_events').where({ application_id: id, step: `supplement-received:${messageId}` }).first()).toMatchObject({ actor: 'test-integrator' });
  });

  it.each([
    ['a supplement the case does not wait for', 'supplements', { note: 'x' }],
    ['a decision for a case not forwarded', 'external-decision', { outcome: 'grant', reference: 'REK 1' }],
    ['an appeal before any decision', 'appeals', { grounds: 'Uenig' }],
    ["Helseklage's decision without an appeal", 'appeals/helseklage-decision', { outcome: 'uphold', reference: 'HK 1' }],
  ])('refuses %s with 409 and writes nothing', async (_what, path, body) => {
    const id = await newCase();
    const before = await caseFileCounts(h.db);
    const res = await post(`/applications/${id}/${path}`, body);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ status: 409, title: 'Not possible in this state of the case' });
    expect(await caseFileCounts(h.db)).toEqual(before);
  });

  it('answers 404 for an unknown case and 400 naming an invalid field', async () => {
    const unknown = await post('/applications/7d0f1c1e-59d4-4c39-9d51-6a1d8f0e3b2a/supplements', { note: 'x' });
    expect(unknown.statusCode).toBe(404);
    const id = await newCase('forwarded');
    const invalid = await post(`/applications/${id}/external-decision`, { outcome: 'maybe' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['outcome', 'reference']);
  });

  // A custodian reaches a case only through its order: without one, the case does not exist
  // as far as it can tell, word for word.
  it("answers a custodian's delivery to a case without its order 404, as for a case that does not exist, and writes nothing", async () => {
    const id = await newCase('awaiting-delivery');
    await h.db('custodian_orders').insert({ kind: 'data-order', state: 'sent', application_id: id, custodian_id: 'DMP', register_ids: ['NPR'], due_at: new Date(), sent_at: new Date() });
    const unknownId = '7d0f1c1e-59d4-4c39-9d51-6a1d8f0e3b2a';
    const before = await caseFileCounts(h.db);
    const unknown = await post(`/applications/${unknownId}/orders/FHI/delivery`, {});
    const notOrdered = await post(`/applications/${id}/orders/FHI/delivery`, {});
    expect(unknown.statusCode).toBe(404);
    expect(notOrdered.statusCode, notOrdered.body).toBe(404);
    expect(notOrdered.headers['content-type']).toBe(unknown.headers['content-type']);
    expect(notOrdered.body.replaceAll(id, unknownId)).toBe(unknown.body);
    expect(await caseFileCounts(h.db)).toEqual(before);
  });

  it("correlates a delivery with the custodian's order, once", async () => {
    const id = await newCase('awaiting-delivery');
    await h.db('custodian_orders').insert({ kind: 'data-order', state: 'sent', application_id: id, custodian_id: 'FHI', register_ids: ['MFR'], due_at: new Date(), sent_at: new Date() });
    expect((await post(`/applications/${id}/orders/FHI/delivery`, { analysisEnvironment: 'TSD' })).statusCode).toBe(202);
    expect(await command(id, 'delivery-confirmed')).toMatchObject({ businessKey: id, localCorrelationKeys: { custodianId: 'FHI' }, variables: { analysisEnvironment: 'TSD' } });
    const again = await post(`/applications/${id}/orders/FHI/delivery`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/^FHI confirmed this delivery on \d{4}-/);
  });

  it('takes an appeal of a decided case and a decision for a forwarded one', async () => {
    const decided = await newCase('decided');
    await h.db('decisions').insert({ application_id: decided, decided_by_body: 'HDS', outcome: 'refusal', appeal_deadline: '2026-12-14' });
    expect((await post(`/applications/${decided}/appeals`, { grounds: 'Uenig i vurderingen', sentOn: '2026-12-01' })).statusCode).toBe(202);
    expect(await command(decided, 'appeal-received')).toMatchObject({ businessKey: decided, starts: true, variables: { applicationId: decided, appealReceivedOn: '2026-12-01' } });

    const forwarded = await newCase('forwarded');
    expect((await post(`/applications/${forwarded}/external-decision`, { outcome: 'refusal', reference: 'REK 2026/9' })).statusCode).toBe(202);
    expect(await command(forwarded, 'external-decision-received')).toMatchObject({
      variables: { externalOutcome: 'refusal', externalDecisionReference: 'REK 2026/9' },
    });
  });

  it("takes Helseklage's decision only for an appeal HDS sent on", async () => {
    const id = await newCase('decided');
    await h.db('appeals').insert({ application_id: id, process_instance_key: `appeal-${id}`, received_on: '2026-12-01', within_deadline: true });
    const early = await post(`/applications/${id}/appeals/helseklage-decision`, { outcome: 'reverse', reference: 'HK 2026/3' });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe('The appeal has not been sent to Helseklage');

    await h.db('audit_events').insert({ application_id: id, step: `appeal-forwarded:appeal-${id}`, actor: 'system' });
    const res = await post(`/applications/${id}/appeals/helseklage-decision`, { outcome: 'reverse', reference: 'HK 2026/3' });
    expect(res.statusCode).toBe(202);
    expect(await command(id, 'helseklage-decision-received')).toMatchObject({
      businessKey: id,
      variables: { helseklageOutcome: 'reverse', helseklageReference: 'HK 2026/3' },
    });
    expect(await h.db('audit_events').where({ application_id: id, step: `helseklage-decision-received:${res.json().messageId}` }).first()).toMatchObject({ actor: 'test-caseworker' });
  });
});
