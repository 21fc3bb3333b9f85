// The cost estimate before the decision under EHDS over the API (Art. 62(5)): a custodian gives
// its estimate once, on its own request; the last one queues the message for the case's
// process. The applicant answers the estimate once it was sent: accept, or withdraw, which
// withdraws the case through the case machine and stops its statutory clock. Every refusal is
// a problem that changes nothing.
import { describe, expect, it } from 'vitest';
import { bearer } from '../auth.ts';
import { apiHarness, caseFileCounts, validSubmission } from '../harness.ts';

const h = apiHarness();

// A case taken to the cost estimate as the process would leave it: in assessment, its
// statutory clock started, two custodians asked; with `sent`, HDS's estimate sent too.
async function caseAtCostEstimate({ sent = false } = {}): Promise<string> {
  const res = await h.app.inject({ method: 'POST', url: '/applications', payload: validSubmission, headers: bearer('integrator') });
  const { id } = res.json();
  const now = new Date();
  const due = new Date(now.getTime() + 21 * 86_400_000);
  await h.db('applications').where({ id }).update({ status: 'in-assessment', rulebook: 'ehds' });
  await h.db('deadlines').insert({ application_id: id, rule: 'decision', period: 3, period_unit: 'months', starts_on: now, warn_at: due, due_at: due });
  await h.db('cost_estimate_requests').insert([
    { application_id: id, custodian_id: 'FHI', register_ids: ['MFR'], requested_at: now, due_at: due },
    { application_id: id, custodian_id: 'DMP', register_ids: ['BIVIRK'], requested_at: now, due_at: due },
  ]);
  if (sent) {
    await h.db('cost_estimate_requests').where({ application_id: id }).update({ amount_nok: 10_000, description: 'Uttrekk', answered_at: now, answered_by: 'custodian' });
    await h.db('cost_estimates').insert({ application_id: id, base_fee_nok: 3000, hourly_rate_nok: 1155, expected_hours: 8, amount_nok: 12_240, sent_at: now, answer_due_at: due });
  }
  return id;
}

const estimate = (id: string, custodianId: string, body: object, as = custodianId) =>
  h.app.inject({ method: 'POST', url: `/applications/${id}/cost-estimates/${custodianId}`, payload: body, headers: bearer('custodian', { custodianId: as }) });
const answer = (id: string, body: object, integrator?: string) =>
  h.app.inject({ method: 'POST', url: `/applications/${id}/cost-estimate/answer`, payload: body, headers: bearer('integrator', integrator ? { sub: integrator } : {}) });

// Everything an answer could change: the counted tables, the requests, the estimate, the case.
async function caseFile(id: string) {
  return {
    counts: await caseFileCounts(h.db),
    requests: await h.db('cost_estimate_requests').where({ application_id: id }).orderBy('custodian_id'),
    estimate: await h.db('cost_estimates').where({ application_id: id }).first(),
    application: await h.db('applications').where({ id }).first('status'),
    deadline: await h.db('deadlines').where({ application_id: id }).first(),
  };
}

const outboxOf = async (id: string) => (await h.db('outbox').where({ application_id: id }).orderBy('id')).map((r) => r.payload);

describe("a custodian's cost estimate", () => {
  it('is taken once per custodian, and the last one queues the message for the case', async () => {
    const id = await caseAtCostEstimate();
    const first = await estimate(id, 'FHI', { amountNok: 25_000, description: 'Uttrekk fra MFR, 20 timer' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ custodianId: 'FHI', amountNok: 25_000, description: 'Uttrekk fra MFR, 20 timer', messageId: null });
    expect((await outboxOf(id)).filter((p) => p.name === 'cost-estimates-received')).toEqual([]);

    const last = await estimate(id, 'DMP', { amountNok: 0, description: 'Ingen kostnad' });
    expect(last.statusCode, last.body).toBe(200);
    const { messageId } = last.json();
    expect((await outboxOf(id)).filter((p) => p.name === 'cost-estimates-received')).toEqual([{ name: 'cost-estimates-received', businessKey: id, messageId, starts: false, variables: {} }]);
    const row = await h.db('cost_estimate_requests').where({ application_id: id, custodian_id: 'FHI' }).first();
    expect(row).toMatchObject({ amount_nok: 25_000, description: 'Uttrekk fra MFR, 20 timer', answered_by: 'custodian-FHI' });
    expect(await h.db('audit_events').where({ application_id: id, step: 'cost-estimate-received:FHI' }).first()).toBeDefined();

    const view = await h.app.inject({ method: 'GET', url: `/applications/${id}`, headers: bearer('caseworker') });
    expect(view.json().costEstimate).toMatchObject({ custodians: [{ custodianId: 'DMP', amountNok: 0 }, { custodianId: 'FHI', amountNok: 25_000 }], hds: null, answer: null });
  });

  it('refuses a second estimate from the same custodian with 409 and changes nothing', async () => {
    const id = await caseAtCostEstimate();
    await estimate(id, 'FHI', { amountNok: 25_000, description: 'Uttrekk' });
    const before = await caseFile(id);
    const again = await estimate(id, 'FHI', { amountNok: 1, description: 'Nytt overslag' });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/^FHI gave its cost estimate on .*; it is taken once$/);
    expect(await caseFile(id)).toEqual(before);
  });

  it("refuses another custodian's request with 403, and a custodian not asked with 404, changing nothing", async () => {
    const id = await caseAtCostEstimate();
    const before = await caseFile(id);
    const wrong = await estimate(id, 'FHI', { amountNok: 1000, description: 'Uttrekk' }, 'DMP');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().detail).toBe('Only FHI gives its own cost estimate');
    const notAsked = await estimate(id, 'NHA', { amountNok: 1000, description: 'Uttrekk' });
    expect(notAsked.statusCode).toBe(404);
    expect(notAsked.json().detail).toBe(`A request for a cost estimate to NHA in application ${id} does not exist`);
    expect(await caseFile(id)).toEqual(before);
  });

  it.each([
    ['a negative amount', { amountNok: -1, description: 'Uttrekk' }],
    ['an amount in øre', { amountNok: 100.5, description: 'Uttrekk' }],
    ['an amount as text', { amountNok: 'mye', description: 'Uttrekk' }],
    ['an amount beyond any estimate', { amountNok: 100_000_001, description: 'Uttrekk' }],
    ['no amount', { description: 'Uttrekk' }],
  ])('refuses %s with 400 naming amountNok, changing nothing', async (_what, body) => {
    const id = await caseAtCostEstimate();
    const before = await caseFile(id);
    const res = await estimate(id, 'FHI', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['amountNok']);
    expect(await caseFile(id)).toEqual(before);
  });

  it('refuses an estimate once the applicant has withdrawn, changing nothing', async () => {
    const id = await caseAtCostEstimate({ sent: true });
    await h.db('cost_estimate_requests').where({ application_id: id, custodian_id: 'DMP' }).update({ answered_at: null, amount_nok: null });
    await h.db('applications').where({ id }).update({ status: 'withdrawn' });
    const before = await caseFile(id);
    const res = await estimate(id, 'DMP', { amountNok: 1000, description: 'Uttrekk' });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('The case is withdrawn: it no longer waits for cost estimates');
    expect(await caseFile(id)).toEqual(before);
  });
});

describe("the applicant's answer to the cost estimate", () => {
  it('accepts once, queueing the answer for the case; a second answer is refused with 409 and changes nothing', async () => {
    const id = await caseAtCostEstimate({ sent: true });
    const res = await answer(id, { answer: 'accept' });
    expect(res.statusCode, res.body).toBe(202);
    const { messageId } = res.json();
    expect((await outboxOf(id)).filter((p) => p.name === 'cost-estimate-answered')).toEqual([{ name: 'cost-estimate-answered', businessKey: id, messageId, starts: false, variables: { costEstimateAnswer: 'accept' } }]);
    expect(await h.db('cost_estimates').where({ application_id: id }).first()).toMatchObject({ answer: 'accept', answered_by: 'test-integrator' });
    expect(await h.db('audit_events').where({ application_id: id, step: `cost-estimate-accepted:${messageId}` }).first()).toBeDefined();
    expect((await h.db('applications').where({ id }).first()).status).toBe('in-assessment');

    const before = await caseFile(id);
    for (const second of ['accept', 'withdraw']) {
      const again = await answer(id, { answer: second });
      expect(again.statusCode).toBe(409);
      expect(again.json().detail).toMatch(/^The cost estimate was answered \(accept\) on .*; it is answered once$/);
    }
    expect(await caseFile(id)).toEqual(before);
  });

  it('withdraws the case through the case machine and stops its statutory clock', async () => {
    const id = await caseAtCostEstimate({ sent: true });
    const res = await answer(id, { answer: 'withdraw' });
    expect(res.statusCode, res.body).toBe(202);
    expect((await h.db('applications').where({ id }).first()).status).toBe('withdrawn');
    expect((await h.db('deadlines').where({ application_id: id }).first()).stopped_at).not.toBeNull();
    expect((await outboxOf(id)).find((p) => p.name === 'cost-estimate-answered').variables).toEqual({ costEstimateAnswer: 'withdraw' });
    const view = (await h.app.inject({ method: 'GET', url: `/applications/${id}`, headers: bearer('caseworker') })).json();
    expect(view).toMatchObject({ status: 'withdrawn', stage: 'closed', costEstimate: { answer: 'withdraw', hds: { amountNok: 12_240 } } });
    expect(view.deadlines.statutory.stoppedAt).not.toBeNull();
  });

  it('refuses an answer before the estimate was sent with 409, changing nothing', async () => {
    const id = await caseAtCostEstimate();
    const before = await caseFile(id);
    const res = await answer(id, { answer: 'withdraw' });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('The case is in-assessment: no cost estimate has been sent to answer');
    expect(await caseFile(id)).toEqual(before);
  });

  it("refuses another integrator's case with 404 and an unknown answer with 400, changing nothing", async () => {
    const id = await caseAtCostEstimate({ sent: true });
    const before = await caseFile(id);
    const other = await answer(id, { answer: 'accept' }, 'another-integrator');
    expect(other.statusCode).toBe(404);
    const unknown = await answer(id, { answer: 'maybe' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors.map((e: { field: string }) => e.field)).toEqual(['answer']);
    expect(await caseFile(id)).toEqual(before);
  });
});
