// A case's forecast in GET /applications/{id}, and the backlog's in GET /stats, as the refresh
// stores them: the approvers finished two cases a working day for the last eight weeks, so a
// case moves two cases' worth of days for every four cases ahead of it that are decided.
// Other test files share the database; cases of theirs ahead of ours move both forecasts alike,
// and each file that writes a queue's past removes it when done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecastDays } from '../../../store/forecast/snapshot.ts';
import { createForecastRefresh } from '../../../store/forecast/refresh.ts';
import { bearer } from '../auth.ts';
import { decideAndClose, finishingEachDay, removeWrittenCases, waitingForApprover } from '../forecast-cases.ts';
import { apiHarness, log } from '../harness.ts';

const h = apiHarness();
const days = forecastDays(new Date());
beforeAll(() => finishingEachDay(h.db, days, 'decision', 2));
afterAll(() => removeWrittenCases(h.db));

async function forecastOf(id: string) {
  const res = await h.app.inject({ method: 'GET', url: `/applications/${id}`, headers: bearer('caseworker') });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().forecast;
}

describe('the forecast in the API', () => {
  it("moves a case's expected decision earlier when the queue ahead of it empties", async () => {
    const ahead = await Promise.all([1, 2, 3, 4].map((due) => waitingForApprover(h.db, days, -1, due)));
    const ours = await waitingForApprover(h.db, days, -1, 5);
    const refresh = createForecastRefresh({ db: h.db, engine: h.engine, log });

    expect(await refresh.refresh({ force: true })).toMatchObject({ computed: true });
    const before = await forecastOf(ours);
    expect(before).toMatchObject({ methodVersion: 'queue-simulation-1', deadlineAtRisk: expect.any(Boolean), delivery: expect.any(Object) });
    expect(Date.parse(before.computedAt)).toBeGreaterThan(Date.now() - 60_000);
    // Two a day, each decided the working day after it is taken up: the four ahead are taken up
    // on the first two days, ours on the third, in every run.
    expect(before.decision).toEqual({ median: days.dayOf(3), from: days.dayOf(3), to: days.dayOf(3) });

    await decideAndClose(h.db, ahead);
    expect(await refresh.refresh()).toMatchObject({ computed: true });
    const after = await forecastOf(ours);
    expect(days.numberOf(before.decision.median) - days.numberOf(after.decision.median)).toBe(2);
    // First in the queue now: taken up today.
    expect(after.decision).toEqual({ median: days.dayOf(1), from: days.dayOf(1), to: days.dayOf(1) });
    // The decided cases have no forecast any more.
    expect(await forecastOf(ahead[0]!)).toBeNull();
  });

  it('recomputes only when a case has moved', async () => {
    const refresh = createForecastRefresh({ db: h.db, engine: h.engine, log });
    expect(await refresh.refresh()).toMatchObject({ computed: true });
    expect(await refresh.refresh()).toMatchObject({ computed: false });
    await waitingForApprover(h.db, days, -1, 30);
    expect(await refresh.refresh()).toMatchObject({ computed: true });
  });

  it('shows in GET /stats when each stage clears at the pace of the last eight weeks', async () => {
    await waitingForApprover(h.db, days, -1, 10);
    await createForecastRefresh({ db: h.db, engine: h.engine, log }).refresh();
    const res = await h.app.inject({ method: 'GET', url: '/stats', headers: bearer('caseworker') });
    expect(res.statusCode, res.body).toBe(200);
    const { backlogForecast } = res.json();
    expect(backlogForecast).toMatchObject({ methodVersion: 'queue-simulation-1', computedAt: expect.any(String) });
    const decision = backlogForecast.stages.find((s: { stage: string }) => s.stage === 'decision');
    // Two a day, five days a week.
    expect(decision).toMatchObject({ open: expect.any(Number), finishedPerWeek: 10, clearsOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), expectedBreaches: expect.any(Number) });
    expect(decision.open).toBeGreaterThanOrEqual(2);
    expect(backlogForecast.registers.find((r: { registerId: string }) => r.registerId === 'MFR')).toMatchObject({ open: expect.any(Number), clearsOn: expect.any(String) });
  });
});
