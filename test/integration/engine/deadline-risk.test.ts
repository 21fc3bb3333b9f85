// Tasklist's filter "Frist i fare": the tasks of the cases not yet decided whose statutory
// deadline is five working days ahead or less, flagged (process variable deadlineAtRisk) by the
// forecast refresh while the deadline is still ahead (domain/forecast/forecast.ts says why not
// earlier), and unflagged once decided. Each group sees only the tasks it works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployResources } from '../../../platform/deploy.ts';
import { createEngineClient } from '../../../platform/engine-client.ts';
import { auditStep } from '../../../domain/audit-steps.ts';
import { caseStatus } from '../../../domain/case/states.ts';
import { endOfOsloDay } from '../../../domain/working-days.ts';
import { typedVariables } from '../../../platform/engine-variables.ts';
import { createForecastRefresh, refreshLock } from '../../../store/forecast/refresh.ts';
import { forecastDays } from '../../../store/forecast/snapshot.ts';
import { decideAndClose, finishingEachDay, inAssessment, removeWrittenCases } from '../forecast-cases.ts';
import { log, startCase, startHarness, testConfig, type Harness } from '../harness.ts';
import { passCompleteness, processVariable } from '../process/case-steps.ts';
import { parallelTasksModel } from './parallel-tasks-model.ts';

const config = testConfig();
const as = (user: string) => createEngineClient({ ...config.engine, user, password: user });
const filterName = 'Frist i fare';

type Task = { taskDefinitionKey: string; processInstanceId: string };
async function listed(user: string, processInstanceIds: string[]): Promise<Task[]> {
  const [filter] = await as(user).call<{ id: string }[]>('GET', `/filter?resourceType=Task&name=${encodeURIComponent(filterName)}`);
  expect(filter, `${user} reads the filter ${filterName}`).toBeDefined();
  return as(user).call<Task[]>('POST', `/filter/${filter!.id}/list`, { processInstanceIdIn: processInstanceIds });
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  if (!h) return;
  await removeWrittenCases(h.db);
  await h.close();
});

// The legal assessment and the decision side by side, each due at `due`.
const riskCheckModel = parallelTasksModel('risk-check', 'Frist i fare (test)', [
  { id: 'legal-assessment', group: 'saksbehandler' },
  { id: 'make-decision', group: 'beslutter' },
]);

describe('the filter Frist i fare', () => {
  const instances: string[] = [];
  afterAll(async () => {
    for (const id of instances) await h.engine.call('DELETE', `/process-instance/${id}?skipCustomListeners=true`).catch(() => undefined);
  });

  it('lists the tasks of flagged cases only, to each group its own', async () => {
    await deployResources(h.engine, [{ name: 'risk-check.bpmn', content: riskCheckModel }], 'risk-check');
    const start = async (variables: Record<string, unknown>) => {
      const { id } = await h.engine.call<{ id: string }>('POST', '/process-definition/key/risk-check/start', { variables: typedVariables({ due: '2031-01-01T12:00:00.000+0000', ...variables }) });
      instances.push(id);
      return id;
    };
    const flagged = await start({ deadlineAtRisk: true });
    const unflagged = await start({ deadlineAtRisk: false });
    const unforecast = await start({});
    const keys = (tasks: Task[]) => tasks.map((t) => `${t.processInstanceId === flagged ? 'flagged' : 'other'}:${t.taskDefinitionKey}`).sort();
    expect(keys(await listed('saksbehandler', [flagged, unflagged, unforecast]))).toEqual(['flagged:legal-assessment']);
    expect(keys(await listed('beslutter', [flagged, unflagged, unforecast]))).toEqual(['flagged:make-decision']);
    expect(keys(await listed('allrounder', [flagged, unflagged, unforecast]))).toEqual(['flagged:legal-assessment', 'flagged:make-decision']);
  });

  it('is set on a case five working days before its deadline, not earlier, and taken off once it is decided', async () => {
    const days = forecastDays(new Date());
    // The caseworkers finished one assessment a working day for eight weeks.
    await finishingEachDay(h.db, days, 'assessment', 1);
    const { id, processInstanceId } = await startCase(h);
    await passCompleteness(processInstanceId);
    const task = async () => (await h.engine.call<Task[]>('GET', `/task?processInstanceId=${processInstanceId}`)).find((t) => t.taskDefinitionKey === 'legal-assessment');
    await expect.poll(task, { timeout: 30_000 }).toBeDefined();
    const deadline = await h.db('deadlines').where({ application_id: id }).first();
    const dueDay = days.numberOf(new Date(deadline.due_at).toISOString().slice(0, 10));
    // Eighty cases ahead of it, due before it: at one a day it is reached after its deadline,
    // which is still weeks away: the forecast sees the breach, the list does not show it yet.
    const ahead: string[] = [];
    for (let k = 0; k < 80; k++) ahead.push(await inAssessment(h.db, days, -1, 1 + (k % (dueDay - 1))));
    const refresh = createForecastRefresh({ db: h.db, engine: h.engine, log });
    await refresh.refresh({ force: true });
    const early = await h.db('case_forecasts').where({ application_id: id }).first();
    expect(early.breach_probability).toBeGreaterThan(0.5);
    expect(early.deadline_at_risk).toBe(false);
    expect(await processVariable(processInstanceId, 'deadlineAtRisk')).toBe(false);
    await decideAndClose(h.db, ahead);

    // Five working days before the deadline (the deadline moved to there, as time passing would).
    await h.db('deadlines').where({ application_id: id }).update({ due_at: endOfOsloDay(days.dayOf(5)) });

    const flagging = await refresh.refresh({ force: true });
    expect(flagging.told).toBeGreaterThanOrEqual(1);
    expect(await processVariable(processInstanceId, 'deadlineAtRisk')).toBe(true);
    expect(await processVariable(processInstanceId, 'forecastText')).toMatch(/^Vedtak rundt .* fristen \d\d\.\d\d\.\d{4} er i fare\.$/);
    expect((await listed('saksbehandler', [processInstanceId])).map((t) => t.taskDefinitionKey)).toEqual(['legal-assessment']);
    // Flagged in time: the deadline is ahead and no breach is recorded.
    const now = await h.db('deadlines').where({ application_id: id }).first();
    expect(new Date(now.due_at).getTime()).toBeGreaterThan(Date.now());
    expect(now.breached_at).toBeNull();

    // Told only of changes: a refresh that changes nothing sends nothing.
    expect((await refresh.refresh({ force: true })).told).toBe(0);

    // A change not yet told (as after a failed call) waits while another process holds the
    // lock, and is told at the next round this one gets it.
    await h.db('case_forecasts').where({ application_id: id }).update({ engine_deadline_at_risk: null });
    const otherProcess = await h.db.transaction();
    await otherProcess.raw('select pg_advisory_xact_lock(?)', [refreshLock]);
    expect(await refresh.refresh({ force: true })).toMatchObject({ computed: false, told: 0 });
    await otherProcess.rollback();
    expect((await refresh.refresh()).told).toBeGreaterThanOrEqual(1);
    expect(await h.db('case_forecasts').where({ application_id: id }).first()).toMatchObject({ engine_deadline_at_risk: true });

    // Decided: off the list, though its data are still to come.
    await h.db('applications').where({ id }).update({ status: caseStatus.decided, updated_at: new Date() });
    await h.db('audit_events').insert({ application_id: id, step: auditStep.decided, actor: 'test' });
    await refresh.refresh();
    expect(await processVariable(processInstanceId, 'deadlineAtRisk')).toBe(false);
    expect(await listed('saksbehandler', [processInstanceId])).toEqual([]);
  });
});
