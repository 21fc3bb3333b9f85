// Drill: the engine stops while integrators submit, and comes back; then the worker process is
// killed (SIGKILL) again and again while the cases flow. Data updates run through the engine
// with a caseworker robot passing their checks: registration, HDS's decision within the
// earlier one, two custodian orders, deliveries, closure. Every accepted
// case must start once and close, with the same audit steps as every other, each step and order
// once; and the workers' log must hold no applicant's personal data.
//
// The engine is a node of the drill's own (engine-node.ts) on the test run's database, so
// stopping it leaves the engine the other tests use running.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bearer } from '../auth.ts';
import { eventually, postToCase, startHarness, validSubmission, type Harness } from '../harness.ts';
import { caseworkerRobot, grantedCaseInCaseFile } from './caseworker-robot.ts';
import { drillPorts, engineNode } from './engine-node.ts';

const cases = 12;
// Each kill strands the tasks the killed process had fetched (up to 32 per poll) until their
// 30 s lock expires, so every kill costs half a minute or more: three are enough to show it.
const kills = 3;
const source = (registerId: string) => ({ registerId, variables: ['variabel'], period: { startDate: '2010-01-01', endDate: '2024-12-31' } });
// The granted case every drill data update updates.
const earlierCase = 'HDS-2020-90001';
const dataUpdate = (n: number) => ({
  ...validSubmission,
  applicationType: 'data-update',
  earlierDecisionReference: earlierCase,
  projectLeader: { name: `Drillperson Nummer${n}`, email: `drill.person${n}@example.no` },
  dataSources: [source('MFR'), source('BIVIRK')],
});

const node = engineNode(drillPorts.a);
let h: Harness;
let workers: ChildProcess | undefined;
let workerLog = '';
let currentLog = '';

function startWorkers() {
  currentLog = '';
  workers = spawn(process.execPath, ['--import', 'tsx', 'platform/main.ts'], {
    env: { ...process.env, SERVICE_COMPONENTS: 'workers', DATABASE_URL: process.env.TEST_DATABASE_URL, ENGINE_URL: node.url, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  workers.stdout!.on('data', (chunk) => {
    workerLog += chunk;
    currentLog += chunk;
  });
  workers.stderr!.on('data', (chunk) => (workerLog += chunk));
}

async function killWorkers() {
  const child = workers!;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

// Kills the worker process in the middle of its work (once it has completed a task), and starts
// a new one; answers whether there was work to interrupt. The wait outlasts the tasks' lock
// (30 s), since a new process finds no work until the locks of the killed one expire.
async function killWhenBusy(): Promise<boolean> {
  try {
    await eventually(async () => currentLog.includes('task completed'), { timeoutMs: 120_000, intervalMs: 50, what: 'the workers to be busy' });
  } catch {
    return false;
  }
  await killWorkers();
  startWorkers();
  return true;
}

beforeAll(async () => {
  await node.start();
  // The harness (API, relay, engine client) talks to the drill's node.
  vi.stubEnv('ENGINE_URL', node.url);
  h = await startHarness({ withWorkers: false });
  await grantedCaseInCaseFile(h.db, earlierCase, [source('MFR'), source('BIVIRK')]);
}, 300_000);

afterAll(async () => {
  if (workers && workers.exitCode === null) await killWorkers();
  await h?.close();
  await node.stop();
  vi.unstubAllEnvs();
}, 120_000);

const stepsOf = async (id: string) =>
  (await h.db('audit_events').where({ application_id: id }).pluck('step')).map((s: string) => s.replace(/:(\d+|[0-9a-f-]{36})$/, '')).sort();

describe('drill: the engine restarts during intake, then workers are killed while cases flow', () => {
  it('starts every accepted case once and closes it the same way, with nothing written twice', { timeout: 900_000 }, async () => {
    const startedAt = Date.now();
    await node.stop();
    const relaying = h.relay.start(200);
    const ids: string[] = [];
    for (let n = 0; n < cases; n++) {
      const res = await h.app.inject({ method: 'POST', url: '/applications', payload: dataUpdate(n), headers: bearer('integrator') });
      expect(res.statusCode).toBe(202);
      ids.push(res.json().id);
    }
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(await h.db('outbox').whereIn('application_id', ids).whereNotNull('relayed_at')).toEqual([]);
    await node.start();
    const engineBackAt = Date.now();

    startWorkers();
    const stopRobot = caseworkerRobot(node.url, () => ids);
    let injected = 0;
    while (injected < kills && (await killWhenBusy())) injected += 1;

    // Both orders of every case are sent; then both custodians deliver.
    const sent = () => h.db('custodian_orders').whereIn('application_id', ids).whereNotNull('sent_at').count<{ count: string }[]>('* as count');
    await eventually(async () => Number((await sent())[0]!.count) === cases * 2, { timeoutMs: 300_000, intervalMs: 1_000, what: 'every order to be sent' });
    for (const id of ids) {
      for (const custodian of ['FHI', 'DMP']) {
        await postToCase(h, `/applications/${id}/orders/${custodian}/delivery`, { analysisEnvironment: 'TSD' });
      }
    }
    if (await killWhenBusy()) injected += 1;
    const closed = () => h.db('applications').whereIn('id', ids).where({ status: 'closed' }).count<{ count: string }[]>('* as count');
    await eventually(async () => Number((await closed())[0]!.count) === cases, { timeoutMs: 300_000, intervalMs: 1_000, what: 'every case to close' });
    await relaying();
    await stopRobot();

    const duplicated = await h.db('audit_events')
      .whereIn('application_id', ids)
      .groupBy('application_id', 'step')
      .havingRaw('count(*) > 1')
      .select('application_id', 'step');
    const orders = await h.db('custodian_orders').whereIn('application_id', ids).groupBy('application_id').select('application_id').count<{ count: string }[]>('* as count');
    const keyOf = new Map((await h.db('applications').whereIn('id', ids).select('id', 'process_instance_id')).map((row) => [row.id, row.process_instance_id]));
    // A kill right after a worker wrote the case file but before it completed its task leaves
    // that task locked until its lock (30 s) expires; then it runs again and completes.
    type Instance = { id: string; businessKey: string; state: string };
    const instances = await eventually(async () => {
      const found = await Promise.all(
        ids.map((id) => h.engine.call<Instance[]>('GET', `/history/process-instance?processDefinitionKey=hds-application&processInstanceBusinessKey=${id}`)),
      );
      return found.every((of) => of.length > 0 && of.every((instance) => instance.state === 'COMPLETED')) && found;
    }, { timeoutMs: 180_000, intervalMs: 1_000, what: 'the engine to show every instance completed' });
    const expectedSteps = await stepsOf(ids[0]!);
    const differing = [];
    for (const id of ids) if (JSON.stringify(await stepsOf(id)) !== JSON.stringify(expectedSteps)) differing.push(id);

    const figures = {
      cases,
      engineRestarts: 1,
      workerKills: injected,
      closed: cases,
      processInstances: instances.flat().length,
      lost: ids.length - (await h.db('applications').whereIn('id', ids).where({ status: 'closed' })).length,
      duplicatedSteps: duplicated.length,
      casesWithOtherSteps: differing.length,
      secondsFromEngineBackToAllClosed: Math.round((Date.now() - engineBackAt) / 1000),
      seconds: Math.round((Date.now() - startedAt) / 1000),
    };
    mkdirSync('test-results/drills', { recursive: true });
    writeFileSync('test-results/drills/engine-and-workers.json', JSON.stringify(figures, null, 2));

    expect(injected).toBeGreaterThanOrEqual(2);
    expect(duplicated).toEqual([]);
    expect(differing).toEqual([]);
    expect(expectedSteps).toEqual(expect.arrayContaining(['received', 'registered', 'orders-created', 'order-sent:FHI', 'order-sent:DMP', 'order-delivered:FHI', 'order-delivered:DMP', 'closed']));
    expect(orders.map((row) => Number(row.count))).toEqual(Array(cases).fill(2));
    // One process instance per case, and it is the one registration tied the case to.
    expect(instances.map((of) => of.map((instance) => instance.id))).toEqual(ids.map((id) => [keyOf.get(id)]));
    // Data updates within their decision: HDS's fee is NOK 0, the exemption named.
    expect(await h.db('invoices').whereIn('application_id', ids).pluck('exemption')).toEqual(Array(cases).fill('data-update'));
    expect(await h.db('invoices').whereIn('application_id', ids).where('amount_nok', '>', 0)).toEqual([]);

    // The capture works, and holds no personal data.
    expect(workerLog).toContain('task completed');
    for (let n = 0; n < cases; n++) {
      expect(workerLog).not.toContain(`Nummer${n}`);
      expect(workerLog).not.toContain(`drill.person${n}`);
    }
  });
});
