// The automated path: from POST /applications to the first caseworker task (the completeness
// check) being visible in the engine's task API to a caseworker (GET /task?processInstanceId,
// signed in as saksbehandler, as Tasklist asks), against the engine's floor measured in the
// same run (one instance of a one-service-task process, from its start until a bare worker's
// completion is answered). Then the sustained cases per second the engine carries through that
// path. The service runs in this process as it does locally: API on a port, outbox relay (its
// configured interval), every worker. Needs the engine, so it runs under /tmp/hds-engine.lock.
// Run: npm run bench:path   (BENCH_CASES, BENCH_BURST change the load)
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../api/app.ts';
import { deployModels, deployResources, readModels } from '../platform/deploy.ts';
import { createEngineClient } from '../platform/engine-client.ts';
import { typedVariables } from '../platform/engine-variables.ts';
import { createLogger } from '../platform/logger.ts';
import { createOutboxRelay } from '../platform/outbox-relay.ts';
import { settleIfLapsed } from '../store/permit/message-lapses.ts';
import { workers } from '../workers/index.ts';
import { startWorkers } from '../workers/runtime.ts';
import { validSubmission } from '../test/fixtures/submission.ts';
import { bareClient, bearer, benchConfig, benchDatabaseUrl, freshDatabase, machine, percentile, printTable, progress, round, sampleRss } from './lib.ts';
import { createMailDelivery } from '../platform/delivery.ts';

const cases = Number(process.env.BENCH_CASES ?? 40);
const burst = Number(process.env.BENCH_BURST ?? 60);

const config = benchConfig(benchDatabaseUrl('_path'));
const db = await freshDatabase(config.databaseUrl!);
const log = createLogger('warn');
const engine = createEngineClient(config.engine);
// A development login of the local engine (profile local-users): its password is its name.
const caseworker = createEngineClient({ ...config.engine, user: 'saksbehandler', password: 'saksbehandler' });
progress(`${machine()}; engine ${config.engine.url}`);
await deployModels(engine);
await deployResources(engine, readModels([fileURLToPath(new URL('models/bench-noop.bpmn', import.meta.url))]), 'bench-noop');

const memory = sampleRss('self');
const running = startWorkers(config.engine, workers, { db, log });
const stopRelay = createOutboxRelay({ db, engine, log, delivery: createMailDelivery(config.mail), lapse: settleIfLapsed }).start(config.relayIntervalMs);
const app = await buildApp({ db, engine, log }, config);
const api = await app.listen({ host: '127.0.0.1', port: 0 });
const token = bearer('integrator');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Submits one case over HTTP and waits until its completeness task shows in the task API.
async function caseToFirstTask(n: number): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${api}/applications`, {
    method: 'POST',
    headers: { authorization: token, 'content-type': 'application/json' },
    body: JSON.stringify({ ...validSubmission, project: { ...validSubmission.project, title: `Ytelse ${n}` } }),
  });
  if (res.status !== 202) throw new Error(`POST /applications answered ${res.status}`);
  const { id } = (await res.json()) as { id: string };
  for (;;) {
    const row = await db('applications').where({ id }).first('process_instance_id');
    if (row?.process_instance_id) {
      const tasks = await caseworker.call<{ taskDefinitionKey: string }[]>('GET', `/task?processInstanceId=${row.process_instance_id}`);
      if (tasks.some((task) => task.taskDefinitionKey === 'check-completeness')) return performance.now() - t0;
    }
    await pause(20);
  }
}

// One instance at a time: started over REST, completed by a bare worker in this process; the
// time runs until the engine has answered the completion (the instance ends with it).
async function floor(count: number): Promise<number[]> {
  // The worker may see an instance's task before the start call has answered, or after.
  const completions = new Map<string, { completed: Promise<void>; complete: () => void }>();
  const completionOf = (processInstanceId: string) => {
    if (!completions.has(processInstanceId)) {
      let complete!: () => void;
      const completed = new Promise<void>((resolve) => (complete = resolve));
      completions.set(processInstanceId, { completed, complete });
    }
    return completions.get(processInstanceId)!;
  };
  const client = bareClient(config.engine, `bench-floor-${process.pid}`, { interval: 0 });
  client.subscribe('bench-noop', { lockDuration: 60_000 }, async ({ task, taskService }) => {
    await taskService.complete(task);
    completionOf(task.processInstanceId).complete();
  });
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const { id } = await engine.call<{ id: string }>('POST', '/process-definition/key/bench-noop/start', {
      businessKey: `bench-floor-${randomUUID()}`,
      variables: typedVariables({ applicationId: '00000000-0000-4000-8000-000000000000' }),
    });
    await completionOf(id).completed;
    times.push(performance.now() - t0);
  }
  client.stop();
  return times.sort((a, b) => a - b);
}

progress(`engine floor: ${cases} one-task instances`);
const floorTimes = await floor(cases);
const pathTimes: number[] = [];
for (let n = 0; n < cases; n++) {
  pathTimes.push(await caseToFirstTask(n));
  progress(`automated path: ${n + 1}/${cases} cases at their first task`);
}
pathTimes.sort((a, b) => a - b);

progress(`sustained: ${burst} cases submitted at once`);
const t0 = performance.now();
let done = 0;
await Promise.all(
  Array.from({ length: burst }, async (_, n) => {
    await caseToFirstTask(cases + n);
    done += 1;
    if (done % 10 === 0) progress(`sustained: ${done}/${burst} at their first task`);
  }),
);
const burstSeconds = (performance.now() - t0) / 1000;
const rss = memory.stop();

await app.close();
await stopRelay();
await running.close();
await db.destroy();

const row = (measure: string, times: number[]) => ({ measure, 'p50 ms': round(percentile(times, 50)), 'p95 ms': round(percentile(times, 95)), 'p99 ms': round(percentile(times, 99)), 'cases/s': '' });
console.log();
printTable([
  row('engine floor: one-task instance, start to completion', floorTimes),
  row('POST /applications to completeness task visible', pathTimes),
  { measure: `sustained: ${burst} cases at once, each to its first task`, 'p50 ms': '', 'p95 ms': '', 'p99 ms': '', 'cases/s': round(burst / burstSeconds, 1) },
]);
console.log(`\nrelay interval ${config.relayIntervalMs} ms; service (API, relay, workers) peak RSS ${rss.peakMiB} MiB`);
process.exit(0);
