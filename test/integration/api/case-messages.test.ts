// Messages into a running case over the API: accepted only when the case waits for them,
// stored with their engine command, and refused without writing anything otherwise.
import { randomUUID } from 'node:crypto';
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

const post = (url: string, payload: object | string, key?: string) =>
  h.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { ...senderOf(url), ...(typeof payload === 'string' ? { 'content-type': 'application/json' } : {}), ...(key ? { 'idempotency-key': key } : {}) },
  });
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
    // The detail names the state the case is in, then why it cannot take the message.
    expect(res.json()).toMatchObject({ status: 409, title: 'Not possible in this state of the case', detail: expect.stringMatching(/^The case is received: \w/) });
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

  // A custodian reaches a case only through its order: it is told it has no order there,
  // whether or not the case exists, word for word.
  it("answers a custodian's delivery to a case without its order 404 saying so, as for a case that does not exist, and writes nothing", async () => {
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
    expect(notOrdered.json().detail).toBe(`An order to FHI in application ${id} does not exist`);
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
    await h.db('appeals').insert({ application_id: id, process_instance_id: `appeal-${id}`, received_on: '2026-12-01', within_deadline: true });
    const early = await post(`/applications/${id}/appeals/helseklage-decision`, { outcome: 'reverse', reference: 'HK 2026/3' });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe('The case is decided: its appeal has not been sent to Helseklage');

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

// Each message into a case: its path, a body, another body, and the setup that puts a new
// case in the state that waits for it.
type Message = { path: string; body: object; other: object; setUp: (id: string) => Promise<unknown> };
const messages: Record<string, Message> = {
  supplement: {
    path: 'supplements',
    body: { note: 'Protokoll vedlagt' },
    other: { note: 'Annen protokoll' },
    setUp: (id) => h.db('applications').where({ id }).update({ status: 'awaiting-supplement' }),
  },
  'external decision': {
    path: 'external-decision',
    body: { outcome: 'grant', reference: 'REK 2026/1' },
    other: { outcome: 'refusal', reference: 'REK 2026/1' },
    setUp: (id) => h.db('applications').where({ id }).update({ status: 'forwarded' }),
  },
  delivery: {
    path: 'orders/FHI/delivery',
    body: { analysisEnvironment: 'TSD' },
    other: { analysisEnvironment: 'SAFE' },
    setUp: async (id) => {
      await h.db('custodian_orders').insert({ kind: 'data-order', state: 'sent', application_id: id, custodian_id: 'FHI', register_ids: ['MFR'], due_at: new Date(), sent_at: new Date() });
      await h.db('applications').where({ id }).update({ status: 'awaiting-delivery' });
    },
  },
  appeal: {
    path: 'appeals',
    body: { grounds: 'Uenig i vurderingen' },
    other: { grounds: 'Uenig i vurderingen', sentOn: '2026-12-01' },
    setUp: async (id) => {
      await h.db('decisions').insert({ application_id: id, decided_by_body: 'HDS', outcome: 'refusal', appeal_deadline: '2026-12-14' });
      await h.db('applications').where({ id }).update({ status: 'closed' });
    },
  },
  "Helseklage's decision": {
    path: 'appeals/helseklage-decision',
    body: { outcome: 'uphold', reference: 'HK 2026/4' },
    other: { outcome: 'reverse', reference: 'HK 2026/4' },
    setUp: async (id) => {
      await h.db('appeals').insert({ application_id: id, process_instance_id: `appeal-${id}`, received_on: '2026-12-01', within_deadline: true });
      await h.db('audit_events').insert({ application_id: id, step: `appeal-forwarded:appeal-${id}`, actor: 'system' });
    },
  },
};
const eachMessage = Object.entries(messages);

const journalCount = async (id: string) => Number((await h.db('journal_entries').where({ application_id: id }).count<{ count: string }[]>('* as count'))[0]!.count);

describe('Idempotency-Key on case messages', () => {
  it.each(eachMessage)('%s: a retry with the same key gets the first answer, marked replayed, and writes nothing more', async (_name, { path, body, setUp }) => {
    const id = await newCase();
    await setUp(id);
    const key = randomUUID();
    const first = await post(`/applications/${id}/${path}`, body, key);
    expect(first.statusCode, first.body).toBe(202);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const before = { ...(await caseFileCounts(h.db)), journal: await journalCount(id) };

    const retry = await post(`/applications/${id}/${path}`, body, key);
    expect(retry.statusCode, retry.body).toBe(202);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect({ ...(await caseFileCounts(h.db)), journal: await journalCount(id) }).toEqual(before);
  });

  it.each(eachMessage)('%s: the same key with another body is a 422 problem and writes nothing', async (_name, { path, body, other, setUp }) => {
    const id = await newCase();
    await setUp(id);
    const key = randomUUID();
    expect((await post(`/applications/${id}/${path}`, body, key)).statusCode).toBe(202);
    const before = await caseFileCounts(h.db);
    const res = await post(`/applications/${id}/${path}`, other, key);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ status: 422, type: 'https://helsedata.no/problems/idempotency-key-reused' });
    expect(await caseFileCounts(h.db)).toEqual(before);
  });

  it.each(eachMessage)('%s: one the case does not wait for is refused as before, writing nothing, and the key stays free', async (_name, { path, body, setUp }) => {
    const id = await newCase();
    const key = randomUUID();
    const before = await caseFileCounts(h.db);
    const early = await post(`/applications/${id}/${path}`, body, key);
    // A custodian without an order in the case is told so (404); the others get the reason.
    if (path.endsWith('/delivery')) expect(early.statusCode).toBe(404);
    else expect(early.json()).toMatchObject({ status: 409, type: 'https://helsedata.no/problems/wrong-state', detail: expect.any(String) });
    expect(await caseFileCounts(h.db)).toEqual(before);

    await setUp(id);
    const later = await post(`/applications/${id}/${path}`, body, key);
    expect(later.statusCode, later.body).toBe(202);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses a key used for the same message to another case (422), rather than answering for that case', async () => {
    const [first, second] = [await newCase('awaiting-supplement'), await newCase('awaiting-supplement')];
    const key = randomUUID();
    expect((await post(`/applications/${first}/supplements`, { note: 'Vedlegg' }, key)).statusCode).toBe(202);
    const other = await post(`/applications/${second}/supplements`, { note: 'Vedlegg' }, key);
    expect(other.statusCode).toBe(422);
    expect(await command(second, 'supplement-received')).toBeUndefined();
  });
});

describe('text in a case message', () => {
  it.each([
    ['supplements', 'awaiting-supplement', 'note', '{"note":"Vedlegg\\u0000"}', 'NUL'],
    ['supplements', 'awaiting-supplement', 'note', '{"note":"Vedlegg \\ud83d"}', 'unpaired UTF-16 surrogate'],
    ['external-decision', 'forwarded', 'reference', '{"outcome":"grant","reference":"REK\\n2026/1"}', 'single line'],
    ['appeals', 'decided', 'grounds', '{"grounds":"Uenig\\u0008"}', 'U+0008'],
  ])('%s: %s is named, and nothing is written', async (path, status, field, text, named) => {
    const id = await newCase(status);
    const before = await caseFileCounts(h.db);
    const res = await post(`/applications/${id}/${path}`, text);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors).toEqual([{ field, message: expect.stringContaining(named) }]);
    expect(await caseFileCounts(h.db)).toEqual(before);
  });

  it('takes a supplement that runs over lines', async () => {
    const id = await newCase('awaiting-supplement');
    const res = await post(`/applications/${id}/supplements`, { note: 'Protokoll vedlagt.\n\nSe side 2.\tTakk.' });
    expect(res.statusCode, res.body).toBe(202);
    expect((await command(id, 'supplement-received')).variables.supplementNote).toBe('Protokoll vedlagt.\n\nSe side 2.\tTakk.');
  });
});
