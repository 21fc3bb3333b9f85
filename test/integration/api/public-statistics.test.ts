// GET /public/statistics/activity: the activity report for a period, without login, as JSON, a
// web page and CSV, from cases written straight into the case file in March 1993 (no other
// test file writes cases received that early, so the figures are exact). GET
// /public/statistics/processing-times: what the forecast refresh expects for a new application
// today, per register, beside the last twelve months.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecastDays } from '../../../store/forecast/snapshot.ts';
import { createForecastRefresh } from '../../../store/forecast/refresh.ts';
import { finishingEachDay, removeWrittenCases } from '../forecast-cases.ts';
import { apiHarness, log } from '../harness.ts';
import { validSubmission } from '../../fixtures/submission.ts';

const h = apiHarness();
const at = (iso: string) => new Date(iso);
const march = 'from=1993-03-01&to=1993-03-31';

type Seed = {
  type: string;
  registers: string[];
  status: string;
  received: string;
  steps: [string, string][];
  decision?: [outcome: string, decidedAt: string];
  dueAt?: string;
  orders?: [registerId: string, deliveredAt: string | null][];
};

const seeded: string[] = [];

async function seed(c: Seed) {
  const id = randomUUID();
  seeded.push(id);
  await h.db('applications').insert({ id, reference: `HDS-S-${id.slice(0, 8)}`, status: c.status, submission: validSubmission, received_at: at(c.received), updated_at: at(c.received), application_type: c.type });
  await h.db('application_sources').insert(c.registers.map((register_id) => ({ application_id: id, register_id })));
  await h.db('audit_events').insert(c.steps.map(([step, when]) => ({ application_id: id, step, actor: 'test', occurred_at: at(when) })));
  if (c.dueAt) await h.db('deadlines').insert({ application_id: id, working_days: 60, starts_on: c.received.slice(0, 10), warn_at: at(c.dueAt), due_at: at(c.dueAt) });
  if (c.decision) await h.db('decisions').insert({ application_id: id, decided_by_body: 'HDS', outcome: c.decision[0], decided_by: 'test', decided_at: at(c.decision[1]) });
  for (const [registerId, deliveredAt] of c.orders ?? []) {
    await h.db('custodian_orders').insert({
      kind: 'data-order',
      state: deliveredAt ? 'delivered' : 'sent',
      application_id: id,
      custodian_id: `C-${registerId}`,
      register_ids: [registerId],
      due_at: at('1993-06-01T10:00:00Z'),
      sent_at: at('1993-03-12T10:00:00Z'),
      delivered_at: deliveredAt ? at(deliveredAt) : null,
      analysis_environment: deliveredAt ? 'TSD' : null,
    });
  }
}

beforeAll(async () => {
  // Granted after 60 days, by its deadline; the last of its two orders delivered after 70 days.
  await seed({
    type: 'new',
    registers: ['MFR', 'NPR'],
    status: 'closed',
    received: '1993-01-10T10:00:00Z',
    steps: [['received', '1993-01-10T10:00:00Z'], ['statutory-clock-started', '1993-01-20T10:00:00Z'], ['decided', '1993-03-11T10:00:00Z'], ['orders-created', '1993-03-12T10:00:00Z'], ['closed', '1993-03-21T10:00:00Z']],
    decision: ['grant', '1993-03-11T10:00:00Z'],
    dueAt: '1993-03-20T22:59:59Z',
    orders: [['MFR', '1993-03-15T10:00:00Z'], ['NPR', '1993-03-21T10:00:00Z']],
  });
  // A change refused after 20 days, past its deadline.
  await seed({
    type: 'change',
    registers: ['MFR'],
    status: 'closed',
    received: '1993-03-05T10:00:00Z',
    steps: [['received', '1993-03-05T10:00:00Z'], ['decided', '1993-03-25T10:00:00Z'], ['closed', '1993-03-25T10:00:00Z']],
    decision: ['refusal', '1993-03-25T10:00:00Z'],
    dueAt: '1993-03-20T22:59:59Z',
  });
  // In assessment at the end of March.
  await seed({ type: 'new', registers: ['NPR'], status: 'in-assessment', received: '1993-03-10T10:00:00Z', steps: [['received', '1993-03-10T10:00:00Z'], ['statutory-clock-started', '1993-03-15T10:00:00Z']] });
});

// The database outlives the file: a second run must find March 1993 as the first did.
afterAll(async () => {
  for (const table of ['custodian_orders', 'decisions', 'deadlines', 'audit_events', 'application_sources']) await h.db(table).whereIn('application_id', seeded).delete();
  await h.db('applications').whereIn('id', seeded).delete();
  await removeWrittenCases(h.db);
});

const get = (url: string, headers: Record<string, string> = {}) => h.app.inject({ method: 'GET', url, headers });

describe('GET /public/statistics/activity', () => {
  it('answers without login with the figures of the period, in total and per register', async () => {
    const res = await get(`/public/statistics/activity?${march}`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.period).toEqual({ from: '1993-03-01', to: '1993-03-31' });
    expect(report.total.received).toEqual({ total: 2, byType: { new: 1, change: 1 } });
    expect(report.total.decisions).toEqual({ total: 2, byOutcome: { grant: 1, refusal: 1 } });
    expect(report.total.toDecision).toEqual({ cases: 2, medianDays: 40, meanDays: 40 });
    expect(report.total.toDelivery).toEqual({ cases: 1, medianDays: 70, meanDays: 70 });
    expect(report.total.statutoryDeadline).toEqual({ decided: 2, withinDeadline: 1, share: 0.5 });
    expect(report.total.backlogAtEnd.open).toBe(1);
    expect(report.total.backlogAtEnd.stages.find((s: { code: string }) => s.code === 'assessment')).toEqual({ code: 'assessment', name: 'Saksbehandling', open: 1 });
    const npr = report.registers.find((r: { registerId: string }) => r.registerId === 'NPR');
    expect(npr.name).toBe('Norsk pasientregister');
    expect(npr.received).toEqual({ total: 1, byType: { new: 1 } });
    expect(npr.toDecision).toEqual({ cases: 1, medianDays: 60, meanDays: 60 });
    expect(npr.backlogAtEnd.open).toBe(1);
    expect(Date.parse(report.computedAt)).not.toBeNaN();
  });

  it('counts a case delivered only when its last custodian has delivered', async () => {
    const report = (await get('/public/statistics/activity?from=1993-03-01&to=1993-03-20')).json();
    // By 20 March MFR had delivered, NPR not yet.
    expect(report.total.toDelivery).toEqual({ cases: 0, medianDays: null, meanDays: null });
  });

  it('answers a period that ends before it starts, or a day that does not exist, with a problem and no figures', async () => {
    const reversed = await get('/public/statistics/activity?from=1993-04-01&to=1993-03-31');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.headers['content-type']).toContain('application/problem+json');
    expect(reversed.json().errors).toEqual([{ field: 'querystring.from', message: 'must not be after to' }]);
    const impossible = await get('/public/statistics/activity?from=1993-02-30&to=1993-03-31');
    expect(impossible.statusCode).toBe(400);
    expect(JSON.stringify(impossible.json().errors)).toContain('querystring.from');
    const unknown = await get(`/public/statistics/activity?${march}&register=MFR`);
    expect(unknown.statusCode).toBe(400);
  });

  it('shows a web page without script, with the period form, the figures and SVG charts', async () => {
    const res = await get(`/public/statistics/activity?${march}`, { accept: 'text/html' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    const page = res.body;
    expect(page).not.toContain('<script');
    expect(page).toContain('<input type="date" id="from" name="from" value="1993-03-01">');
    expect(page).toContain('Aktivitet 01.03.1993–31.03.1993');
    expect(page).toMatch(/<th scope="row">Alle registre<\/th>\s*<td class="number">2<\/td>/);
    expect(page).toContain('<td class="number">50 %</td>');
    expect(page).toContain('<svg role="img" aria-label="Median dager fra mottak til vedtak, per register"');
    expect(page).toContain('Ny søknad: 1');
    expect(page).toContain('avslag: 1');
    expect(page).toContain('href="/public/statistics/activity?from=1993-03-01&amp;to=1993-03-31&amp;format=csv"');
  });

  it('gives CSV with one figure a line, by the Accept header', async () => {
    const res = await get(`/public/statistics/activity?${march}`, { accept: 'text/csv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe('attachment; filename="aktivitet-1993-03-01-1993-03-31.csv"');
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('register,maal,kategori,verdi');
    expect(lines).toContain('alle,mottatt,,2');
    expect(lines).toContain('alle,vedtak,refusal,1');
    expect(lines).toContain('alle,dager_til_vedtak_median,,40');
    expect(lines).toContain('alle,andel_vedtak_innen_lovfrist,,0.5');
    expect(lines).toContain('NPR,under_behandling_ved_slutt,assessment,1');
  });

  it('shows nothing of a case but counts and days: no person, project or case number', async () => {
    for (const format of ['json', 'html', 'csv']) {
      const body = (await get(`/public/statistics/activity?${march}&format=${format}`)).body;
      for (const secret of [validSubmission.projectLeader.name, validSubmission.projectLeader.email, validSubmission.project.title, 'HDS-S-']) expect(body).not.toContain(secret);
    }
  });
});

describe('GET /public/statistics/processing-times', () => {
  it("shows per register the days a new application today can expect, with the forecast's interval, and when it was made", async () => {
    // The approvers' last eight weeks: enough decided cases for a forecast.
    await finishingEachDay(h.db, forecastDays(new Date()), 'decision', 2);
    // A decision of the last twelve months (those of the queue's past are steps only), on a
    // register no other test decides on, so that its median is this case's alone in a full run.
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    await seed({ type: 'new', registers: ['MSIS'], status: 'closed', received: daysAgo(40), steps: [['received', daysAgo(40)], ['decided', daysAgo(10)], ['closed', daysAgo(10)]], decision: ['grant', daysAgo(10)] });
    await createForecastRefresh({ db: h.db, engine: h.engine, log }).refresh({ force: true });
    const res = await get('/public/statistics/processing-times');
    expect(res.statusCode, res.body).toBe(200);
    const times = res.json();
    expect(Date.parse(times.forecastComputedAt)).toBeGreaterThan(Date.now() - 120_000);
    expect(Date.parse(times.figuresComputedAt)).not.toBeNaN();
    expect(times.lastTwelveMonths.toDecision.cases).toBeGreaterThanOrEqual(1);
    expect(times.lastTwelveMonths.period.to).toBe(new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/Oslo' }));
    const mfr = times.registers.find((r: { registerId: string }) => r.registerId === 'MFR');
    expect(mfr.name).toBe('Medisinsk fødselsregister');
    const { toDecision, toDelivery } = mfr.expected;
    expect(toDecision.from).toBeLessThanOrEqual(toDecision.median);
    expect(toDecision.median).toBeLessThanOrEqual(toDecision.to);
    // The queue's past closed every case at its decision with no data ordered: no run delivers.
    expect(toDelivery).toBeNull();
    const msis = times.registers.find((r: { registerId: string }) => r.registerId === 'MSIS');
    expect(msis.lastTwelveMonths.toDecision).toMatchObject({ cases: 1, medianDays: 30 });

    const page = (await get('/public/statistics/processing-times', { accept: 'text/html' })).body;
    expect(page).not.toContain('<script');
    expect(page).toContain('<caption>Forventet saksbehandlingstid for en ny søknad i dag, i kalenderdager</caption>');
    expect(page).toContain(`<th scope="row">Medisinsk fødselsregister (MFR)</th>\n      <td class="number">${toDecision.median} (${toDecision.from}–${toDecision.to})</td>`);
    expect(page).toContain('Forventningen ble beregnet');
  });

  it('answers a format it does not offer with a problem', async () => {
    const res = await get('/public/statistics/processing-times?format=csv');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
