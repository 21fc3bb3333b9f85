// A custodian's report of the fee it agreed with the user under EHDS (Regulation (EU) 2025/327
// Art. 62(4)), against the real database: taken once, before the deadline 1 month from the
// permit; the agreement is recorded, journaled and queued for the order's fee-agreement process,
// and the order's views show it. Every refusal (a bad amount, a Norwegian case, an order with no
// agreement, a second report, a fee HDS set, a deadline passed, another custodian's order) is a
// problem that changes nothing; a repeat with the same Idempotency-Key gets the first answer.
import { describe, expect, it } from 'vitest';
import { feeAgreementDueAt } from '../../../domain/order/fee-agreement.ts';
import { bearer } from '../auth.ts';
import { apiHarness, caseFileCounts, validSubmission } from '../harness.ts';

const h = apiHarness();

const fhi = bearer('custodian', { custodianId: 'FHI', sub: 'fhi-integrasjon' });
const dmp = bearer('custodian', { custodianId: 'DMP' });

const post = (url: string, payload: object, headers: Record<string, string>) => h.app.inject({ method: 'POST', url, payload, headers });

// A case awaiting delivery with a data order to FHI sent today; under EHDS with its agreement
// due 1 month from a permit granted `decidedAt` (as send-custodian-order plans it).
async function orderWithAgreement({ rulebook = 'ehds', decidedAt = new Date(), agreement = rulebook === 'ehds' }: { rulebook?: 'ehds' | 'norwegian'; decidedAt?: Date; agreement?: boolean } = {}) {
  const applicationId = (await post('/applications', validSubmission, bearer('integrator'))).json().id as string;
  await h.db('applications').where({ id: applicationId }).update({ status: 'awaiting-delivery', rulebook });
  const [{ id }] = await h.db('custodian_orders')
    .insert({ kind: 'data-order', state: 'sent', application_id: applicationId, custodian_id: 'FHI', register_ids: ['MFR'], due_at: new Date('2099-12-31'), sent_at: new Date() })
    .returning('id');
  const dueAt = feeAgreementDueAt(decidedAt);
  if (agreement) await h.db('fee_agreements').insert({ order_id: id, application_id: applicationId, rule: 'fee-agreement', due_at: dueAt });
  return { applicationId, orderId: Number(id), dueAt };
}

// Everything a refused report must leave as it was.
async function snapshot(applicationId: string, orderId: number) {
  return {
    counts: await caseFileCounts(h.db),
    agreement: await h.db('fee_agreements').where({ order_id: orderId }).first(),
    journal: await h.db('journal_entries').where({ application_id: applicationId }).orderBy('id'),
    trail: await h.db('audit_events').where({ application_id: applicationId }).orderBy('id').pluck('step'),
    outbox: await h.db('outbox').where({ application_id: applicationId }).orderBy('id').pluck('id'),
  };
}

async function refused(applicationId: string, orderId: number, payload: object, headers = fhi) {
  const before = await snapshot(applicationId, orderId);
  const res = await post(`/orders/${orderId}/fee-agreement`, payload, headers);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(await snapshot(applicationId, orderId)).toEqual(before);
  return res;
}

describe('POST /orders/{orderId}/fee-agreement', () => {
  it("records the agreed fee once, journals it, queues it for the order's process, and the order's views show it", async () => {
    const { applicationId, orderId, dueAt } = await orderWithAgreement();
    const res = await post(`/orders/${orderId}/fee-agreement`, { amountNok: 18_000, note: 'Uttrekk og kobling, 15 timer.' }, { ...fhi, 'idempotency-key': `fee-${orderId}` });
    expect(res.statusCode, res.body).toBe(202);
    const body = res.json();
    expect(body.feeAgreement).toMatchObject({ rule: 'fee-agreement', dueAt: dueAt.toISOString(), feeNok: 18_000, note: 'Uttrekk og kobling, 15 timer.', by: 'custodian', reportedBy: 'fhi-integrasjon', setBy: null });
    const [queued] = await h.db('outbox').where({ application_id: applicationId }).whereRaw("payload->>'name' = 'fee-agreement-reported'");
    expect(queued.payload).toMatchObject({ messageId: body.messageId, businessKey: applicationId, correlationKeys: { orderId: String(orderId) } });
    expect(await h.db('journal_entries').where({ application_id: applicationId, entry_type: 'I', title: 'Avtalt vederlag til dataholderen' }).first()).toBeTruthy();

    // The same request again gets the first answer; without the key it is a second report.
    const repeat = await post(`/orders/${orderId}/fee-agreement`, { amountNok: 18_000, note: 'Uttrekk og kobling, 15 timer.' }, { ...fhi, 'idempotency-key': `fee-${orderId}` });
    expect(repeat.json()).toEqual(body);
    const twice = await refused(applicationId, orderId, { amountNok: 20_000 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toMatch(/reported on \d{4}-\d{2}-\d{2}: it is reported once/);

    // GET /orders and the case show the agreement.
    const listed = (await h.app.inject({ method: 'GET', url: '/orders?kind=data-order&limit=100', headers: fhi })).json().items.find((o: { orderId: number }) => o.orderId === orderId);
    expect(listed.feeAgreement).toMatchObject({ feeNok: 18_000, by: 'custodian' });
    const view = (await h.app.inject({ method: 'GET', url: `/applications/${applicationId}`, headers: bearer('caseworker') })).json();
    expect(view.orders[0].feeAgreement).toMatchObject({ feeNok: 18_000, by: 'custodian', dueAt: dueAt.toISOString() });
  });

  it.each([
    ['a negative amount', { amountNok: -1 }],
    ['an amount in øre', { amountNok: 100.5 }],
    ['no amount', { note: 'Avtalt' }],
    ['an unknown field', { amountNok: 100, currency: 'EUR' }],
  ])('refuses %s with 400, changing nothing', async (_, payload) => {
    const { applicationId, orderId } = await orderWithAgreement();
    const res = await refused(applicationId, orderId, payload);
    expect(res.statusCode).toBe(400);
  });

  it('refuses a case under the Norwegian rules, an order without an agreement, a fee HDS set, a deadline passed and another custodian, changing nothing', async () => {
    const norwegian = await orderWithAgreement({ rulebook: 'norwegian' });
    const notInRulebook = await refused(norwegian.applicationId, norwegian.orderId, { amountNok: 100 });
    expect(notInRulebook.statusCode).toBe(409);
    expect(notInRulebook.json().detail).toMatch(/Norwegian rules/);

    const none = await orderWithAgreement({ agreement: false });
    expect((await refused(none.applicationId, none.orderId, { amountNok: 100 })).json().detail).toMatch(/has no fee agreement/);

    const set = await orderWithAgreement();
    await h.db('fee_agreements').where({ order_id: set.orderId }).update({ fee_nok: 5000, reasons: 'Fastsatt', set_by: 'beslutter', set_at: new Date() });
    expect((await refused(set.applicationId, set.orderId, { amountNok: 100 })).json().detail).toMatch(/Helsedataservice set the fee/);

    const late = await orderWithAgreement({ decidedAt: new Date('2026-01-05T10:00:00Z') });
    const pastDeadline = await refused(late.applicationId, late.orderId, { amountNok: 100 });
    expect(pastDeadline.statusCode).toBe(409);
    expect(pastDeadline.json().detail).toMatch(/passed on 2026-02-05: Helsedataservice sets the fee/);

    const other = await orderWithAgreement();
    expect((await refused(other.applicationId, other.orderId, { amountNok: 100 }, dmp)).statusCode).toBe(404);
  });
});
