import { describe, expect, it } from 'vitest';
import { createCase } from '../../../store/case/intake.ts';
import { apiHarness, caseFileCounts, validSubmission } from '../harness.ts';
import { bearer } from '../auth.ts';

const h = apiHarness();

describe('POST /applications', () => {
  it('stores the application, its first audit step and the engine command in one go', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/applications', payload: validSubmission, headers: bearer('integrator') });
    expect(res.statusCode).toBe(202);
    const body = res.json();
    expect(res.headers.location).toBe(`/applications/${body.id}`);
    expect(body.reference).toMatch(/^HDS-\d{4}-\d{5}$/);

    const stored = await h.db('applications').where({ id: body.id }).first();
    expect(stored.status).toBe('received');
    expect(stored.submission).toEqual(validSubmission);
    expect(stored.application_type).toBe('new');
    expect(await h.db('application_sources').where({ application_id: body.id }).orderBy('register_id').pluck('register_id')).toEqual(['MFR', 'NPR']);
    expect(await h.db('audit_events').where({ application_id: body.id }).pluck('step')).toEqual(['received']);
    const [command] = await h.db('outbox').where({ application_id: body.id });
    expect(command.command).toBe('correlate-message');
    expect(command.payload).toEqual({ name: 'application-submitted', businessKey: body.id, messageId: body.id, starts: true, variables: { applicationId: body.id, preliminaryAnswerAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), preliminaryAnswerText: expect.stringMatching(/^\d{2}\.\d{2}\.\d{4}$/) } });
  });

  it('names every invalid field and writes nothing', async () => {
    const before = await caseFileCounts(h.db);
    const res = await h.app.inject({
      method: 'POST',
      url: '/applications',
      headers: bearer('integrator'),
      payload: { ...validSubmission, applicationType: 'everything', project: { ...validSubmission.project, title: 'x' }, dataSources: [], extra: true },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = res.json().errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['applicationType', 'dataSources', 'extra', 'project.title']);
    expect(await caseFileCounts(h.db)).toEqual(before);
  });

  it('rejects a body that is not JSON with a problem', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/applications',
      headers: { ...bearer('integrator'), 'content-type': 'application/json' },
      payload: '{"applicationType":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ status: 400, type: 'https://helsedata.no/problems/bad-request', instance: '/applications' });
  });
});

describe('GET /applications/:id', () => {
  it('answers the case with its type and timeline', async () => {
    const { id, reference } = (await h.app.inject({ method: 'POST', url: '/applications', payload: validSubmission, headers: bearer('integrator') })).json();
    const res = await h.app.inject({ method: 'GET', url: `/applications/${id}`, headers: bearer('integrator') });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, reference, status: 'received', applicationType: 'new', processInstanceId: null });
    expect(res.json()).toMatchObject({ stage: 'received', stageName: 'Mottatt', rulebook: null, decidingBody: null, decision: null, fee: null, orders: [], appeals: [] });
    expect(res.json().deadlines).toEqual({ statutory: null, supplementDueAt: null, appealDeadline: null, statisticsAnswer: null });
    expect(res.json().timeline).toEqual([{ step: 'received', actor: 'test-integrator', at: expect.any(String) }]);
  });

  it('shows who decides, the deadlines, the decision, the fee and the orders from the case file', async () => {
    const { id } = (await h.app.inject({ method: 'POST', url: '/applications', payload: validSubmission, headers: bearer('integrator') })).json();
    await h.db('applications').where({ id }).update({ status: 'awaiting-delivery', deciding_body: 'HDS', rulebook: 'norwegian' });
    await h.db('deadlines').insert({ application_id: id, rule: 'decision-linked', period: 60, period_unit: 'working-days', working_days: 60, starts_on: '2026-03-02', warn_at: '2026-05-19T06:00:00Z', due_at: '2026-05-26T06:00:00Z', breached_at: '2026-05-26T06:00:00Z' });
    await h.db('decisions').insert({ application_id: id, decided_by_body: 'HDS', outcome: 'grant', decided_by: 'beslutter', dispensation_granted: true, decided_at: '2026-05-27T10:00:00Z', letter_sent_at: '2026-05-27T10:05:00Z', appeal_deadline: '2026-06-17' });
    await h.db('invoices').insert({ application_id: id, base_fee_nok: 7000, hourly_rate_nok: 1200, hours_billed: 4, amount_nok: 11800 });
    await h.db('custodian_orders').insert([
      { kind: 'data-order', state: 'sent', application_id: id, custodian_id: 'FHI', register_ids: ['MFR', 'NPR'], due_at: '2026-07-01T00:00:00Z', sent_at: '2026-05-28T08:00:00Z' },
    ]);
    const res = await h.app.inject({ method: 'GET', url: `/applications/${id}`, headers: bearer('caseworker') });
    expect(res.statusCode).toBe(200);
    const detail = res.json();
    expect(detail).toMatchObject({ status: 'awaiting-delivery', stage: 'delivery', stageName: 'Utlevering', decidingBody: 'HDS', rulebook: { id: 'norwegian', name: 'Norske regler (helseregisterloven)' } });
    expect(detail.deadlines).toEqual({
      statutory: { workingDays: 60, rule: 'decision-linked', period: 60, unit: 'working-days', basis: '60 virkedager fra komplett søknad (helseregisterloven § 19 f)', startsOn: '2026-03-02', dueAt: '2026-05-26T06:00:00.000Z', warnedAt: null, breachedAt: '2026-05-26T06:00:00.000Z', stoppedAt: null, extension: null },
      supplementDueAt: null,
      appealDeadline: '2026-06-17',
      statisticsAnswer: null,
    });
    expect(detail.decision).toMatchObject({ outcome: 'grant', decidedByBody: 'HDS', dispensationGranted: true, letterSentAt: '2026-05-27T10:05:00.000Z' });
    expect(detail.fee).toMatchObject({ amountNok: 11800, baseFeeNok: 7000, hourlyRateNok: 1200, hoursBilled: 4, exemption: null });
    expect(detail.orders).toEqual([
      {
        orderId: expect.any(Number),
        kind: 'data-order',
        state: 'sent',
        stateName: 'Sendt',
        custodianId: 'FHI',
        registerIds: ['MFR', 'NPR'],
        dueAt: '2026-07-01T00:00:00.000Z',
        dueRule: null,
        extension: null,
        lateAt: null,
        feeAgreement: null,
        sentAt: '2026-05-28T08:00:00.000Z',
        deliveredAt: null,
        stoppedAt: null,
        analysisEnvironment: null,
      },
    ]);
    expect(detail.userAccess).toBeNull();
    // A Norwegian case is never asked for a cost estimate (EHDS Art. 62(5)).
    expect(detail.costEstimate).toBeNull();
  });

  it('names the stage of a case waiting for its completeness check as caseworkers do, in the case and in the list', async () => {
    const { id } = (await h.app.inject({ method: 'POST', url: '/applications', payload: validSubmission, headers: bearer('integrator') })).json();
    await h.db('applications').where({ id }).update({ status: 'registered' });
    const detail = (await h.app.inject({ method: 'GET', url: `/applications/${id}`, headers: bearer('integrator') })).json();
    expect(detail).toMatchObject({ status: 'registered', stage: 'completeness-check', stageName: 'Kompletthetsvurdering' });
    const list = (await h.app.inject({ method: 'GET', url: '/applications?status=registered&limit=100', headers: bearer('integrator') })).json();
    expect(list.items.find((item: { id: string }) => item.id === id)).toMatchObject({ status: 'registered', stage: 'completeness-check', stageName: 'Kompletthetsvurdering' });
  });

  it('answers 404 with a problem for an unknown case', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/applications/7d0f1c1e-59d4-4c39-9d51-6a1d8f0e3b2a', headers: bearer('integrator') });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('answers 400 for an id that is not a uuid', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/applications/not-a-uuid', headers: bearer('integrator') });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('params.id');
  });
});

describe('the reference', () => {
  // Norway's calendar decides the year: 23:30 UTC on 31 December is 00:30 on 1 January in Oslo.
  it.each([
    ['2026-12-31T23:30:00Z', '2027', '2027-01-01'],
    ['2027-06-30T22:30:00Z', '2027', '2027-07-01'],
    ['2026-12-31T22:59:00Z', '2026', '2026-12-31'],
  ])('of a case received at %s (UTC) carries the Oslo year %s', async (instant, year, osloDay) => {
    const receivedAt = new Date(instant);
    const created = await createCase(h.db, validSubmission, 'test-integrator', receivedAt);
    expect(created.reference).toMatch(new RegExp(`^HDS-${year}-\\d{5}$`));
    const stored = await h.db('applications').where({ id: created.id }).first();
    expect(stored.received_at).toEqual(receivedAt);
    const journal = await h.db('journal_entries').where({ application_id: created.id }).first(h.db.raw(`to_char(journal_date, 'YYYY-MM-DD') as day`));
    expect(journal.day).toBe(osloDay);
  });
});

