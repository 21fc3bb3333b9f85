// A custodian's extension of its delivery deadline under EHDS (Regulation (EU) 2025/327 Art.
// 60(2)), against the real database: taken once, by up to the months of the rule
// holder-delivery-extension, with reasons; the order's deadline moves, the request is journaled
// and the new deadline queued for the case's process; GET /orders shows it. Every refusal
// (a second request, no reasons, too many months, a Norwegian case, a delivered order, a
// deadline passed, another custodian's order) is a problem that changes nothing.
import { describe, expect, it } from 'vitest';
import { extendedDueAt } from '../../../domain/order/delivery-clock.ts';
import { deadlineFor } from '../../../domain/rulebook/rulebooks.ts';
import { bearer } from '../auth.ts';
import { apiHarness, caseFileCounts, validSubmission } from '../harness.ts';

const h = apiHarness();

const fhi = bearer('custodian', { custodianId: 'FHI', sub: 'fhi-integrasjon' });
const dmp = bearer('custodian', { custodianId: 'DMP' });
const caseworker = bearer('caseworker', { sub: 'saksbehandler' });

const post = (url: string, payload: object, headers: Record<string, string>) => h.app.inject({ method: 'POST', url, payload, headers });
const reason = 'Uttrekket fra MFR krever ny kobling mot NPR, og vi trenger to måneder til.';

// A case awaiting delivery with a data order to FHI sent today, due by the case's rulebook.
async function dataOrder({ rulebook = 'ehds', state = 'sent', dueAt }: { rulebook?: 'ehds' | 'norwegian'; state?: string; dueAt?: Date } = {}) {
  const applicationId = (await post('/applications', validSubmission, bearer('integrator'))).json().id as string;
  await h.db('applications').where({ id: applicationId }).update({ status: 'awaiting-delivery', rulebook });
  const sentAt = new Date();
  const due = dueAt ?? (rulebook === 'ehds' ? deadlineFor('ehds', 'holder-delivery', sentAt) : deadlineFor('norwegian', 'custodian-delivery', sentAt));
  const [{ id }] = await h.db('custodian_orders')
    .insert({
      kind: 'data-order',
      state,
      application_id: applicationId,
      custodian_id: 'FHI',
      register_ids: ['MFR'],
      due_at: due,
      due_rule: rulebook === 'ehds' ? 'holder-delivery' : 'custodian-delivery',
      sent_at: sentAt,
      delivered_at: state === 'delivered' ? sentAt : null,
    })
    .returning('id');
  return { applicationId, orderId: Number(id), dueAt: due };
}

const extensions = (applicationId: string) => h.db('outbox').where({ application_id: applicationId }).whereRaw("payload->>'name' = 'delivery-extended'");

// Everything a refused request must leave as it was.
async function snapshot(applicationId: string, orderId: number) {
  return {
    counts: await caseFileCounts(h.db),
    order: await h.db('custodian_orders').where({ id: orderId }).first(),
    extension: await h.db('order_extensions').where({ order_id: orderId }).first(),
    journal: await h.db('journal_entries').where({ application_id: applicationId }).orderBy('id'),
    trail: await h.db('audit_events').where({ application_id: applicationId }).orderBy('id').pluck('step'),
    outbox: await h.db('outbox').where({ application_id: applicationId }).orderBy('id').pluck('id'),
  };
}

async function refused(applicationId: string, orderId: number, payload: object, headers = fhi) {
  const before = await snapshot(applicationId, orderId);
  const res = await post(`/orders/${orderId}/extension`, payload, headers);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(await snapshot(applicationId, orderId)).toEqual(before);
  return res;
}

describe('POST /orders/{orderId}/extension', () => {
  it("extends an EHDS data order's deadline once, journals the request, queues the new deadline for the case's process, and GET /orders shows it", async () => {
    const { applicationId, orderId, dueAt } = await dataOrder();
    const res = await post(`/orders/${orderId}/extension`, { months: 2, reason }, fhi);
    expect(res.statusCode, res.body).toBe(202);
    const newDueAt = extendedDueAt(dueAt, 2);
    expect(res.json()).toMatchObject({
      orderId,
      state: 'sent',
      dueAt: newDueAt.toISOString(),
      dueRule: 'holder-delivery',
      extension: { months: 2, reason, requestedBy: 'fhi-integrasjon', requestedAt: expect.any(String), dueAtBefore: dueAt.toISOString() },
      lateAt: null,
      messageId: expect.any(String),
    });
    expect(await h.db('order_extensions').where({ order_id: orderId }).first()).toMatchObject({ months: 2, reason, requested_by: 'fhi-integrasjon', due_at_before: dueAt, due_at_after: newDueAt });
    expect((await h.db('custodian_orders').where({ id: orderId }).first()).due_at).toEqual(newDueAt);
    expect(await extensions(applicationId)).toEqual([
      expect.objectContaining({
        payload: expect.objectContaining({ messageId: res.json().messageId, localCorrelationKeys: { custodianId: 'FHI' }, variables: { deliveryDueAt: newDueAt.toISOString(), deliveryDueText: expect.stringMatching(/^\d\d\.\d\d\.\d{4}$/) } }),
      }),
    ]);
    expect(await h.db('journal_entries').where({ application_id: applicationId, entry_type: 'I', title: 'Anmodning om forlenget frist for utlevering' })).toHaveLength(1);
    expect(await h.db('audit_events').where({ application_id: applicationId }).whereIn('step', ['order-extended:FHI', 'delivery-extended:FHI']).pluck('step')).toHaveLength(2);

    for (const headers of [fhi, caseworker]) {
      const listed = (await h.app.inject({ method: 'GET', url: '/orders?kind=data-order&limit=100', headers })).json().items.find((o: { orderId: number }) => o.orderId === orderId);
      expect(listed).toMatchObject({ dueAt: newDueAt.toISOString(), dueRule: 'holder-delivery', extension: { months: 2, reason, dueAtBefore: dueAt.toISOString() }, lateAt: null });
    }
    const caseView = (await h.app.inject({ method: 'GET', url: `/applications/${applicationId}`, headers: caseworker })).json();
    expect(caseView.orders[0]).toMatchObject({ dueAt: newDueAt.toISOString(), extension: { months: 2 } });

    // A second request, even for one month more.
    const again = await refused(applicationId, orderId, { months: 1, reason });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ type: 'https://helsedata.no/problems/wrong-state', detail: expect.stringMatching(/^The delivery deadline of this order was extended on \d{4}-\d\d-\d\d: it is extended once \(Art\. 60\(2\)\)$/) });
  });

  it('answers a repeat with the same Idempotency-Key with the first answer, and extends once', async () => {
    const { applicationId, orderId } = await dataOrder();
    const headers = { ...fhi, 'idempotency-key': `forlengelse-${orderId}` };
    const first = await post(`/orders/${orderId}/extension`, { months: 3, reason }, headers);
    expect(first.statusCode, first.body).toBe(202);
    const again = await post(`/orders/${orderId}/extension`, { months: 3, reason }, headers);
    expect(again.statusCode).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await extensions(applicationId)).toHaveLength(1);
  });

  it('refuses a request without reasons or with blank reasons, naming the field', async () => {
    const { applicationId, orderId } = await dataOrder();
    const missing = await refused(applicationId, orderId, { months: 1 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([{ field: 'reason', message: "must have required property 'reason'" }]);
    const blank = await refused(applicationId, orderId, { months: 1, reason: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors).toEqual([{ field: 'reason', message: 'must give the reasons for the extension' }]);
  });

  it('refuses more months than the rule holder-delivery-extension allows, naming the rule', async () => {
    const { applicationId, orderId } = await dataOrder();
    const res = await refused(applicationId, orderId, { months: 4, reason });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'months', message: 'must be at most 3: the delivery deadline is extended by up to 3 months (forordning (EU) 2025/327 art. 60 nr. 2)' }]);
    const none = await refused(applicationId, orderId, { months: 0, reason });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors).toEqual([{ field: 'months', message: 'must be >= 1' }]);
  });

  it('refuses an order of a case under the Norwegian rules, which have no extension', async () => {
    const { applicationId, orderId } = await dataOrder({ rulebook: 'norwegian' });
    const res = await refused(applicationId, orderId, { months: 1, reason });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      type: 'https://helsedata.no/problems/not-in-rulebook',
      detail: 'The case follows the Norwegian rules: 60 working days with no extension; only a case under EHDS (Regulation (EU) 2025/327 Art. 60(2)) may have the delivery deadline extended',
    });
  });

  it('refuses an order already delivered, and one whose deadline has passed', async () => {
    const delivered = await dataOrder({ state: 'delivered' });
    const res = await refused(delivered.applicationId, delivered.orderId, { months: 1, reason });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/^FHI confirmed this delivery on \d{4}-\d\d-\d\d: there is nothing left to extend$/);

    const late = await dataOrder({ dueAt: new Date(Date.now() - 86_400_000) });
    const passed = await refused(late.applicationId, late.orderId, { months: 1, reason });
    expect(passed.statusCode).toBe(409);
    expect(passed.json().detail).toMatch(/^The delivery deadline passed on \d{4}-\d\d-\d\d: an extension is asked for before it passes$/);
  });

  it("does not exist for another custodian", async () => {
    const { applicationId, orderId } = await dataOrder();
    const res = await refused(applicationId, orderId, { months: 1, reason }, dmp);
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toBe(`Order ${orderId} to DMP does not exist`);
  });
});
