// GET /stats: the backlog now, and processing times and deadline breaches in a period. Other
// test files share the database, so figures for a period use days no other test touches, and
// the backlog is checked by how it changes.
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../api/app.ts';
import { bearer } from '../auth.ts';
import { apiHarness, log, testConfig, validSubmission } from '../harness.ts';

const h = apiHarness();
const day = 24 * 3600 * 1000;

async function newCase(status: string, receivedAt?: Date): Promise<string> {
  const res = await h.app.inject({ method: 'POST', url: '/applications', payload: validSubmission, headers: bearer('integrator') });
  const { id } = res.json();
  await h.db('applications').where({ id }).update({ status, ...(receivedAt ? { received_at: receivedAt } : {}) });
  return id;
}

async function stats(query = '') {
  const res = await h.app.inject({ method: 'GET', url: `/stats${query}`, headers: bearer('caseworker') });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('GET /stats', () => {
  it('counts open cases per stage and per register named, and leaves closed cases out', async () => {
    const before = (await stats()).backlog;
    await newCase('awaiting-supplement');
    await newCase('in-assessment');
    await newCase('closed');
    const after = (await stats()).backlog;
    expect(after.open).toBe(before.open + 2);
    expect(after.byStage['awaiting-applicant']).toBe((before.byStage['awaiting-applicant'] ?? 0) + 1);
    expect(after.byStage.assessment).toBe((before.byStage.assessment ?? 0) + 1);
    expect(after.byStage.closed).toBeUndefined();
    // Both open cases name MFR and NPR.
    expect(after.byRegister.MFR).toBe((before.byRegister.MFR ?? 0) + 2);
    expect(after.byRegister.NPR).toBe((before.byRegister.NPR ?? 0) + 2);
  });

  it('counts a case waiting for its completeness check there, under the stage name caseworkers use, listing the stages in case order', async () => {
    const before = (await stats()).backlog;
    await newCase('registered');
    const after = (await stats()).backlog;
    expect(after.byStage['completeness-check']).toBe((before.byStage['completeness-check'] ?? 0) + 1);
    const opened = (backlog: { stages: { code: string; name: string; open: number }[] }) => backlog.stages.find((s) => s.code === 'completeness-check');
    expect(opened(after)).toEqual({ code: 'completeness-check', name: 'Kompletthetsvurdering', open: (opened(before)?.open ?? 0) + 1 });
    expect(after.stages.map((s: { code: string }) => s.code)).toEqual([
      'received', 'completeness-check', 'awaiting-applicant', 'update-check', 'assessment', 'decision', 'with-other-body', 'decided', 'delivery', 'appeal',
    ]);
    expect(after.stages.reduce((sum: number, s: { open: number }) => sum + s.open, 0)).toBe(after.open);
  });

  it('counts a closed case with an undecided appeal in the appeal stage, and not once the appeal is decided', async () => {
    const before = (await stats()).backlog;
    const id = await newCase('closed');
    const [appeal] = await h.db('appeals').insert({ application_id: id, process_instance_id: `appeal-${id}`, received_on: '2031-01-10', within_deadline: true }).returning('id');
    const during = (await stats()).backlog;
    expect(during.byStage.appeal).toBe((before.byStage.appeal ?? 0) + 1);
    expect(during.open).toBe(before.open + 1);
    expect(during.stages.find((s: { code: string }) => s.code === 'appeal')).toMatchObject({ name: 'Klagebehandling' });
    expect(during.byRegister.MFR).toBe((before.byRegister.MFR ?? 0) + 1);

    await h.db('appeals').where({ id: appeal.id }).update({ outcome: 'dismissed', decided_at: new Date() });
    const after = (await stats()).backlog;
    expect(after.byStage.appeal ?? 0).toBe(before.byStage.appeal ?? 0);
    expect(after.open).toBe(before.open);
  });

  it('gives median and 90th percentile days to decision and to delivery, for cases in the period', async () => {
    const decidedOn = new Date('2031-03-20T12:00:00Z');
    for (const days of [10, 20, 30, 40, 50]) {
      const id = await newCase('closed', new Date(decidedOn.getTime() - days * day));
      await h.db('decisions').insert({ application_id: id, decided_by_body: 'HDS', outcome: 'grant', decided_at: decidedOn });
      // Delivered 5 days after the decision by every custodian, except in the 50-day case.
      const delivered = days === 50 ? null : new Date(decidedOn.getTime() + 5 * day);
      await h.db('custodian_orders').insert([
        { kind: 'data-order', state: 'delivered', application_id: id, custodian_id: 'FHI', register_ids: ['MFR'], due_at: decidedOn, sent_at: decidedOn, delivered_at: new Date(decidedOn.getTime() + day) },
        { kind: 'data-order', state: delivered ? 'delivered' : 'sent', application_id: id, custodian_id: 'DMP', register_ids: ['NPR'], due_at: decidedOn, sent_at: decidedOn, delivered_at: delivered },
      ]);
    }
    const { processingTimes, period } = await stats('?from=2031-03-01&to=2031-03-31');
    expect(period).toEqual({ from: '2031-03-01', to: '2031-03-31' });
    expect(processingTimes.toDecision).toEqual({ cases: 5, medianDays: 30, p90Days: 46 });
    // Delivered (last custodian) after 15, 25, 35 and 45 days; the fifth case is not delivered.
    expect(processingTimes.toDelivery).toEqual({ cases: 4, medianDays: 30, p90Days: 42 });
    expect((await stats('?from=2031-04-01&to=2031-04-30')).processingTimes.toDecision).toEqual({ cases: 0, medianDays: null, p90Days: null });
  });

  it('counts statutory deadlines due in the period, breached, and breached without a decision', async () => {
    const due = new Date('2032-06-10T06:00:00Z');
    const deadline = (id: string, breached: boolean) =>
      h.db('deadlines').insert({ application_id: id, working_days: 30, starts_on: '2032-04-28', warn_at: due, due_at: due, breached_at: breached ? due : null });
    const kept = await newCase('closed');
    await deadline(kept, false);
    const breachedDecided = await newCase('closed');
    await deadline(breachedDecided, true);
    await h.db('decisions').insert({ application_id: breachedDecided, decided_by_body: 'HDS', outcome: 'grant' });
    await deadline(await newCase('in-assessment'), true);
    // A pilot case under EHDS, its 3 months breached and undecided.
    const ehds = await newCase('in-assessment');
    await h.db('applications').where({ id: ehds }).update({ rulebook: 'ehds' });
    await h.db('deadlines').insert({ application_id: ehds, rule: 'decision', period: 3, period_unit: 'months', starts_on: '2032-03-10', warn_at: due, due_at: due, breached_at: due });
    const { deadlineBreaches } = await stats('?from=2032-06-01&to=2032-06-30');
    expect(deadlineBreaches).toEqual({
      withStatutoryDeadline: 4,
      breached: 3,
      breachedAndUndecided: 2,
      byRulebook: { norwegian: { withStatutoryDeadline: 3, breached: 2, breachedAndUndecided: 1 }, ehds: { withStatutoryDeadline: 1, breached: 1, breachedAndUndecided: 1 } },
    });
  });

  it("counts the late holders' orders (EHDS, Art. 63(4)), in all and in the period", async () => {
    const before = (await stats('?from=2033-03-01&to=2033-03-31')).orders['data-order'];
    const order = (id: string, lateAt: Date | null) =>
      h.db('custodian_orders').insert({ kind: 'data-order', state: 'sent', application_id: id, custodian_id: 'FHI', register_ids: ['MFR'], due_at: new Date('2033-03-01T22:59:59Z'), sent_at: new Date('2032-12-01T10:00:00Z'), late_at: lateAt });
    await order(await newCase('awaiting-delivery'), new Date('2033-03-02T06:00:00Z'));
    await order(await newCase('awaiting-delivery'), new Date('2033-05-02T06:00:00Z'));
    await order(await newCase('awaiting-delivery'), null);
    const after = (await stats('?from=2033-03-01&to=2033-03-31')).orders['data-order'];
    expect(after.late - before.late).toBe(2);
    expect(after.lateInPeriod - before.lateInPeriod).toBe(1);
    expect(after.open - before.open).toBe(3);
  });

  it("counts the user's access due in the period (EHDS, Art. 68(7)): given in time, given late, overdue, pending", async () => {
    const access = async (dueAt: string, givenAt: string | null) => {
      const id = await newCase(givenAt ? 'closed' : 'awaiting-delivery');
      await h.db('user_access').insert({ application_id: id, delivered_at: new Date('2033-06-01T10:00:00Z'), due_at: new Date(dueAt), given_by: givenAt ? 'saksbehandler' : null, given_at: givenAt && new Date(givenAt) });
    };
    await access('2033-08-01T21:59:59Z', '2033-07-20T10:00:00Z');
    await access('2033-08-02T21:59:59Z', '2033-08-10T10:00:00Z');
    // Not given and not due yet (2033 is still to come): pending.
    await access('2033-08-03T21:59:59Z', null);
    expect((await stats('?from=2033-08-01&to=2033-08-31')).userAccess).toEqual({ givenInTime: 1, givenLate: 1, overdue: 0, pending: 1, late: 1 });
    // Due long ago and never given.
    await access('2001-08-03T21:59:59Z', null);
    expect((await stats('?from=2001-08-01&to=2001-08-31')).userAccess).toEqual({ givenInTime: 0, givenLate: 0, overdue: 1, pending: 0, late: 1 });
  });

  it('serves the same figures for a period until they are STATS_MAX_AGE_SECONDS old', async () => {
    const cached = await buildApp({ db: h.db, engine: h.engine, log }, testConfig({ STATS_MAX_AGE_SECONDS: '60' }));
    try {
      const ask = (url: string) => cached.inject({ method: 'GET', url, headers: bearer('caseworker') });
      const first = await ask('/stats');
      expect(first.statusCode).toBe(200);
      expect(first.headers['cache-control']).toMatch(/^private, max-age=(59|60)$/);
      await newCase('in-assessment');
      const second = await ask('/stats');
      expect(second.json()).toEqual(first.json());
      // Another period is computed on its own, and sees the new case.
      const other = (await ask('/stats?from=2033-01-01')).json();
      expect(other.backlog.open).toBe(first.json().backlog.open + 1);
      expect(Date.parse(other.computedAt)).toBeGreaterThan(Date.parse(first.json().computedAt));
      // With STATS_MAX_AGE_SECONDS 0 (the tests' setting) every answer is new.
      expect((await stats()).backlog.open).toBe(other.backlog.open);
    } finally {
      await cached.close();
    }
  });

  it('refuses a period that ends before it starts, or is not a day', async () => {
    const backwards = await h.app.inject({ method: 'GET', url: '/stats?from=2031-03-31&to=2031-03-01', headers: bearer('caseworker') });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([{ field: 'querystring.to', message: 'must not be before from' }]);
    const notADay = await h.app.inject({ method: 'GET', url: '/stats?from=March', headers: bearer('caseworker') });
    expect(notADay.statusCode).toBe(400);
    expect(notADay.json().errors[0].field).toBe('querystring.from');
  });
});
