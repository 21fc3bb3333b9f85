// Drill: two engine nodes on one database, and one of them dies (SIGKILL) while it holds due
// timer jobs and cases flow. The service (API, outbox relay, workers) talks to node B, as it
// would to the node its address points at; caseworkers work in node A's Tasklist, and both
// nodes' job executors fire timers. Once A is dead, B must fire the timers A had locked when
// their lock expires, and every case must reach its end: nothing lost, no step, order or
// process instance twice, every timer fired exactly once.
//
// Cases with timers: a caseworker finds the application incomplete; the applicant never
// supplies what is missing, so the supplement deadline passes (timer supplement-due), a
// reminder goes out, the second deadline passes (reminder-due) and the case is rejected. The
// drill moves each timer's due date to now, as time would. Cases flowing meanwhile: data
// updates, through registration, custodian orders and deliveries to closure.
//
// A and B form a cluster of their own, in an engine schema of the drill's, so that no other
// node (the test run's engine) takes the timers. Which live node takes a due job first is a
// race; the drill settles it for A by freezing B while the timers fall due, and lets B go on
// the moment A is dead.
import { closeSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEngineClient } from '../../../platform/engine-client.ts';
import { typedVariables } from '../../../platform/engine-variables.ts';
import { connect } from '../../../platform/db.ts';
import { bearer } from '../auth.ts';
import { eventually, postToCase, startHarness, testConfig, validSubmission, type Harness } from '../harness.ts';
import { caseworkerRobot, grantedCaseInCaseFile } from './caseworker-robot.ts';
import { drillLockTimeMs, drillPorts, engineNode } from './engine-node.ts';

const timerCases = 8;
const flowingCases = 6;
const engineSchema = 'drill_node_loss';

// Node A is tuned to hold a batch of due timers it has not run yet, as a busy node does: it
// polls every 200 ms, locks up to 20 jobs at a time and runs them on one thread. So the kill
// finds it holding jobs, every run. B keeps the drill nodes' settings (engine-node.ts): a poll
// at least every second, 3 jobs at a time. Both have the drill's 10 s job lock. A logs the
// jobs it acquires, which tells the drill when to kill it. Each node names itself in the
// engine's job log (hostname), which tells who fired each timer. (A key of a map such as
// generic-properties binds from the environment only with the dashes of its parents left out.)
const nodeA = engineNode(drillPorts.a, {
  ENGINE_DB_SCHEMA: engineSchema,
  OPERATON_BPM_JOB_EXECUTION_WAIT_TIME_IN_MILLIS: '200',
  OPERATON_BPM_JOB_EXECUTION_MAX_WAIT: '200',
  OPERATON_BPM_JOB_EXECUTION_MAX_JOBS_PER_ACQUISITION: '20',
  OPERATON_BPM_JOB_EXECUTION_CORE_POOL_SIZE: '1',
  OPERATON_BPM_JOB_EXECUTION_MAX_POOL_SIZE: '1',
  OPERATON_BPM_JOB_EXECUTION_QUEUE_CAPACITY: '20',
  OPERATON_BPM_GENERICPROPERTIES_PROPERTIES_HOSTNAME: 'drill-node-a',
  LOGGING_LEVEL_ORG_OPERATON_BPM_ENGINE_JOBEXECUTOR: 'DEBUG',
});
const nodeB = engineNode(drillPorts.b, { ENGINE_DB_SCHEMA: engineSchema, OPERATON_BPM_GENERICPROPERTIES_PROPERTIES_HOSTNAME: 'drill-node-b' });
const caseworkerOnA = createEngineClient({ url: nodeA.url, user: 'saksbehandler', password: 'saksbehandler' });
const serviceOnA = createEngineClient({ ...testConfig().engine, url: nodeA.url });
let h: Harness;
let stopRelay: (() => Promise<void>) | undefined;

// The drill's cluster leaves nothing behind: the test run's engine is the only one in the
// database (engine/access.test.ts holds to that).
async function dropClusterSchema() {
  const db = connect(testConfig());
  try {
    await db.raw(`drop schema if exists ${engineSchema} cascade`);
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  // A fresh cluster (an interrupted run may have left its schema), its nodes started one after
  // the other, as the first start on an empty schema creates the tables.
  await dropClusterSchema();
  await nodeA.start();
  await nodeB.start();
  vi.stubEnv('ENGINE_URL', nodeB.url);
  h = await startHarness();
  stopRelay = h.relay.start(200);
  await grantedCaseInCaseFile(h.db, earlierCase, dataUpdate(0).dataSources);
}, 400_000);

afterAll(async () => {
  await stopRelay?.();
  await h?.close();
  await nodeA.kill();
  nodeB.resume();
  await nodeB.stop();
  await dropClusterSchema();
  vi.unstubAllEnvs();
}, 120_000);

// The granted case every drill data update updates.
const earlierCase = 'HDS-2020-90002';
const dataUpdate = (n: number) => ({
  ...validSubmission,
  applicationType: 'data-update',
  earlierDecisionReference: earlierCase,
  dataSources: [
    { registerId: 'MFR', variables: ['variabel'], period: { startDate: '2010-01-01', endDate: '2024-12-31' } },
    { registerId: 'BIVIRK', variables: ['variabel'], period: { startDate: '2010-01-01', endDate: '2024-12-31' } },
  ],
});

async function submit(payload: object): Promise<string> {
  const res = await h.app.inject({ method: 'POST', url: '/applications', payload, headers: bearer('integrator') });
  expect(res.statusCode).toBe(202);
  return res.json().id;
}

const processInstanceOf = (id: string) =>
  eventually(async () => (await h.db('applications').where({ id }).whereNotNull('process_instance_id').first())?.process_instance_id as string, {
    timeoutMs: 120_000,
    what: `case ${id} to be registered`,
  });

type Job = { id: string; dueDate: string };
const timerJob = (processInstanceId: string, activityId: string) =>
  eventually(async () => (await h.engine.call<Job[]>('GET', `/job?processInstanceId=${processInstanceId}&activityId=${activityId}&timers=true`))[0], {
    timeoutMs: 120_000,
    what: `timer ${activityId} in ${processInstanceId}`,
  });

// The engine's REST date format: milliseconds and a numeric offset.
const restDate = (date: Date) => date.toISOString().replace('Z', '+0000');

// The jobs node A logs as acquired since the watch began (debug line ENGINE-14022).
function watchAcquisitions(logFile: string) {
  let offset = statSync(logFile).size;
  const acquired = new Set<string>();
  return () => {
    const fd = openSync(logFile, 'r');
    try {
      const buffer = Buffer.alloc(statSync(logFile).size - offset);
      offset += readSync(fd, buffer, 0, buffer.length, offset);
      for (const line of buffer.toString('utf8').split('\n')) {
        if (!line.includes('ENGINE-14022')) continue;
        for (const [id] of line.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)) acquired.add(id);
      }
    } finally {
      closeSync(fd);
    }
    return acquired;
  };
}

type JobLog = { jobId: string; activityId: string; hostname: string; timestamp: string };
const successLogs = (query: string) => h.engine.call<JobLog[]>('GET', `/history/job-log?successLog=true&${query}`);

type ActivityInstance = { activityId: string; endTime: string | null; canceled: boolean };
const activityInstances = (processInstanceId: string, activityId: string) =>
  h.engine.call<ActivityInstance[]>('GET', `/history/activity-instance?processInstanceId=${processInstanceId}&activityId=${activityId}`);

// Where the due timers went, when node A did not take them: each job's lock, who fired it,
// the other due jobs waiting, and what A's job acquisition logged.
async function whoHasTheTimers(jobIds: string[], logFile: string) {
  const jobs = await h.db(`${engineSchema}.act_ru_job`).whereIn('id_', jobIds).select('id_', 'lock_owner_', 'lock_exp_time_', 'duedate_', 'retries_');
  const fired = await Promise.all(jobIds.map(async (jobId) => (await successLogs(`jobId=${jobId}`)).map((log) => log.hostname)));
  const [due] = await h.db(`${engineSchema}.act_ru_job`).where('duedate_', '<=', new Date()).where('retries_', '>', 0).count<{ count: string }[]>('* as count');
  const acquisitionLines = readFileSync(logFile, 'utf8').split('\n').filter((line) => /ENGINE-140(22|27|33)/.test(line)).slice(-5);
  return { jobs, fired, dueJobs: due?.count, acquisitionLines };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const countBy = (values: string[]) => Object.fromEntries([...new Set(values)].map((value) => [value, values.filter((v) => v === value).length]));

const stepsOf = async (id: string) =>
  (await h.db('audit_events').where({ application_id: id }).pluck('step')).map((s: string) => s.replace(/:(\d+|[0-9a-f-]{36})$/, '')).sort();

describe('drill: an engine node dies holding due timers while cases flow', () => {
  it('the other node fires its timers once their lock expires, and every case ends as it should, once', { timeout: 900_000 }, async () => {
    const startedAt = Date.now();

    // Cases with timers, up to the caseworker's finding on node A: incomplete.
    const timerIds: string[] = [];
    for (let n = 0; n < timerCases; n++) {
      timerIds.push(await submit({ ...validSubmission, project: { ...validSubmission.project, title: `Nodetap ${n}` } }));
    }
    const instanceOf = new Map<string, string>();
    for (const id of timerIds) {
      const processInstanceId = await processInstanceOf(id);
      instanceOf.set(id, processInstanceId);
      const task = await eventually(
        async () => (await caseworkerOnA.call<{ id: string }[]>('GET', `/task?processInstanceId=${processInstanceId}&taskDefinitionKey=check-completeness`))[0],
        { timeoutMs: 60_000, what: `the completeness task of ${id} in node A's task list` },
      );
      await caseworkerOnA.call('POST', `/task/${task.id}/claim`, { userId: 'saksbehandler' });
      await caseworkerOnA.call('POST', `/task/${task.id}/complete`, { variables: typedVariables({ isComplete: 'no', missingItems: 'Vurdering fra personvernombudet' }) });
    }
    const supplementTimers = await Promise.all(timerIds.map((id) => timerJob(instanceOf.get(id)!, 'supplement-due')));

    // Cases that flow through node B while A dies: one submitted every 400 ms, from shortly
    // before the timers fall due until after the kill.
    const flowingIds: string[] = [];
    const stopRobot = caseworkerRobot(nodeB.url, () => flowingIds);
    const submitting = (async () => {
      for (let n = 0; n < flowingCases; n++) {
        flowingIds.push(await submit(dataUpdate(n)));
        await pause(400);
      }
    })();
    await pause(1_200);

    // The applicants' deadline passes: the supplement timers are due at once, and node A takes
    // them while B stands still.
    const acquiredByA = watchAcquisitions(nodeA.logFile);
    const timerIdsDue = new Set(supplementTimers.map((job) => job.id));
    nodeB.freeze();
    const now = restDate(new Date());
    await Promise.all(supplementTimers.map((job) => serviceOnA.call('PUT', `/job/${job.id}/duedate`, { duedate: now })));
    await eventually(async () => [...acquiredByA()].some((jobId) => timerIdsDue.has(jobId)), {
      timeoutMs: 30_000,
      intervalMs: 5,
      what: 'node A to acquire due timers',
    }).catch(async (error) => {
      nodeB.resume();
      throw new Error(`${error.message}; ${JSON.stringify(await whoHasTheTimers([...timerIdsDue], nodeA.logFile))}`);
    });
    // Stopped the moment it has taken them, A cannot finish them (on a quiet machine it runs
    // a batch in well under a second); then it dies.
    nodeA.freeze();
    await nodeA.kill();
    const killedAt = Date.now();
    nodeB.resume();
    const heldByA = [...acquiredByA()].filter((jobId) => timerIdsDue.has(jobId));
    const flowingAtKill = countBy(await h.db('applications').whereIn('id', flowingIds).pluck('status'));
    await submitting;

    // What A held and did not finish is still there, locked until its lock expires. A moment's
    // wait lets the database end the dead node's sessions first.
    await pause(1_000);
    type LockedJob = { id_: string; lock_exp_time_: Date | null };
    const stranded: LockedJob[] = await h.db(`${engineSchema}.act_ru_job`).whereIn('id_', heldByA).select('id_', 'lock_exp_time_');

    // The other node fires them once the lock has expired.
    await eventually(async () => (await h.db(`${engineSchema}.act_ru_job`).whereIn('id_', heldByA).count<{ count: string }[]>('* as count'))[0]!.count === '0', {
      timeoutMs: drillLockTimeMs + 60_000,
      intervalMs: 250,
      what: 'the timers node A held to be fired by another node',
    });
    const takeOver = await Promise.all(
      stranded.map(async (job) => {
        const [log] = await successLogs(`jobId=${job.id_}`);
        return { jobId: job.id_, firedBy: log!.hostname, msAfterKill: Date.parse(log!.timestamp) - killedAt, lockExpiredMsAfterKill: job.lock_exp_time_!.getTime() - killedAt };
      }),
    );

    // The second deadline, after the reminder, passes too; the surviving node fires these.
    const reminderTimers = await Promise.all(timerIds.map((id) => timerJob(instanceOf.get(id)!, 'reminder-due')));
    const later = restDate(new Date());
    await Promise.all(reminderTimers.map((job) => h.engine.call('PUT', `/job/${job.id}/duedate`, { duedate: later })));

    // The data updates: both orders sent, both custodians deliver, the case closes.
    const sent = () => h.db('custodian_orders').whereIn('application_id', flowingIds).whereNotNull('sent_at').count<{ count: string }[]>('* as count');
    await eventually(async () => Number((await sent())[0]!.count) === flowingCases * 2, { timeoutMs: 180_000, intervalMs: 1_000, what: 'every order to be sent' });
    for (const id of flowingIds) {
      for (const custodian of ['FHI', 'DMP']) await postToCase(h, `/applications/${id}/orders/${custodian}/delivery`, { analysisEnvironment: 'TSD' });
    }
    const withStatus = async (ids: string[], status: string) => Number((await h.db('applications').whereIn('id', ids).where({ status }).count<{ count: string }[]>('* as count'))[0]!.count);
    await eventually(async () => (await withStatus(flowingIds, 'closed')) === flowingCases, { timeoutMs: 180_000, intervalMs: 1_000, what: 'every data update to close' });
    await eventually(async () => (await withStatus(timerIds, 'rejected')) === timerCases, { timeoutMs: 180_000, intervalMs: 1_000, what: 'every incomplete case to be rejected' });
    await stopRobot();

    // One process instance per case, the one registration recorded, ended at the expected end.
    type Instance = { id: string; state: string };
    const ends = { 'application-rejected': timerIds, 'case-closed': flowingIds };
    const instances: Record<string, string[]> = {};
    for (const [end, ids] of Object.entries(ends)) {
      for (const id of ids) {
        const found = await eventually(async () => {
          const of = await h.engine.call<Instance[]>('GET', `/history/process-instance?processDefinitionKey=hds-application&processInstanceBusinessKey=${id}`);
          return of.length > 0 && of.every((instance) => instance.state === 'COMPLETED') && of;
        }, { timeoutMs: 60_000, what: `the instance of ${id} to complete` });
        instances[id] = found.map((instance) => instance.id);
        const [reached] = await activityInstances(found[0]!.id, end);
        expect(reached?.endTime, `${id} ended at ${end}`).toBeTruthy();
      }
    }
    const keys = await h.db('applications').whereIn('id', [...timerIds, ...flowingIds]).select('id', 'process_instance_id');
    for (const { id, process_instance_id } of keys) expect(instances[id]).toEqual([process_instance_id]);

    // Each timer fired exactly once: one completed activity instance and one successful job
    // per timer event and case.
    const timerFirings = [];
    for (const id of timerIds) {
      for (const activityId of ['supplement-due', 'reminder-due']) {
        const passed = await activityInstances(instanceOf.get(id)!, activityId);
        const fired = await successLogs(`processInstanceId=${instanceOf.get(id)}&activityIdIn=${activityId}`);
        timerFirings.push({ id, activityId, passed: passed.filter((a) => a.endTime && !a.canceled).length, fired: fired.length, firedBy: fired.map((log) => log.hostname) });
      }
    }

    // Steps: every case of a kind has the same audit trail (job and message ids left out), each
    // step once.
    const trails = async (ids: string[]) => Promise.all(ids.map(stepsOf));
    const timerTrails = await trails(timerIds);
    const flowingTrails = await trails(flowingIds);
    const orders = await h.db('custodian_orders').whereIn('application_id', [...timerIds, ...flowingIds]).groupBy('application_id').select('application_id').count<{ count: string }[]>('* as count');

    const figures = {
      timerCases,
      flowingCases,
      lockTimeMs: drillLockTimeMs,
      // Statuses of the data updates submitted by the time of the kill (the rest came after).
      flowingCasesAtKill: flowingAtKill,
      timersAcquiredByA: heldByA.length,
      timersStrandedByKill: stranded.length,
      takeOver,
      timersFiredPerNode: countBy(timerFirings.flatMap((f) => f.firedBy)),
      lost: timerCases - (await withStatus(timerIds, 'rejected')) + flowingCases - (await withStatus(flowingIds, 'closed')),
      timersNotFiredOnce: timerFirings.filter((f) => f.passed !== 1 || f.fired !== 1).length,
      seconds: Math.round((Date.now() - startedAt) / 1000),
    };
    mkdirSync('test-results/drills', { recursive: true });
    writeFileSync('test-results/drills/engine-node-loss.json', JSON.stringify(figures, null, 2));

    // A died holding timers, and its lock (10 s, not the default 5 min) held them no longer.
    expect(stranded.length).toBeGreaterThan(0);
    for (const job of takeOver) {
      expect(job.lockExpiredMsAfterKill).toBeGreaterThan(0);
      expect(job.lockExpiredMsAfterKill).toBeLessThanOrEqual(drillLockTimeMs);
      expect(job.firedBy).not.toBe('drill-node-a');
      expect(job.msAfterKill).toBeGreaterThanOrEqual(job.lockExpiredMsAfterKill - 1_000);
    }
    expect(figures.lost).toBe(0);
    expect(timerFirings.filter((f) => f.passed !== 1 || f.fired !== 1)).toEqual([]);
    expect(timerTrails).toEqual(Array(timerCases).fill(['earlier-decision-checked', 'received', 'registered', 'rejected', 'supplement-reminded', 'supplement-requested']));
    // Two deliveries confirmed: one message from each custodian.
    const flowingTrail = [
      'closed', 'decided', 'decision-letter-sent', 'delivery-confirmed', 'delivery-confirmed', 'earlier-decision-checked',
      'invoiced', 'order-delivered:DMP', 'order-delivered:FHI', 'order-sent:DMP', 'order-sent:FHI', 'orders-created', 'public-summary-approved', 'received', 'registered', 'update-compared',
    ];
    expect(flowingTrails).toEqual(Array(flowingCases).fill(flowingTrail));
    expect(orders.map((row) => Number(row.count))).toEqual(Array(flowingCases).fill(2));
  });
});
