// The automated path: from POST /applications to the first caseworker task (the completeness
// check) being visible in the engine's user task search, against the engine's floor measured in
// the same run (one instance of a one-service-task process, started and completed with a bare
// worker). Then the sustained cases per second the local engine carries through that path.
// The service runs in this process as it does locally: API on a port, outbox relay (its
// configured interval), every worker. Needs the engine, so it runs under /tmp/hds-engine.lock.
// Run: npm run bench:path   (BENCH_CASES, BENCH_BURST change the load)
import { fileURLToPath } from 'node:url';
import { buildApp } from '../api/app.ts';
import { createCamunda } from '../service/camunda.ts';
import { deployModels, deployResources, readModels } from '../service/deploy.ts';
import { createLogger } from '../service/logger.ts';
import { createOutboxRelay } from '../service/outbox-relay.ts';
import { workers } from '../workers/index.ts';
import { startWorkers } from '../workers/runtime.ts';
import { validSubmission } from '../test/integration/harness.ts';
import { bearer, benchConfig, benchDatabaseUrl, freshDatabase, machine, percentile, printTable, progress, round, sampleRss } from './lib.ts';

const cases = Number(process.env.BENCH_CASES ?? 40);
const burst = Number(process.env.BENCH_BURST ?? 60);

const config = benchConfig(benchDatabaseUrl('_path'));
const db = await freshDatabase(config.databaseUrl!);
const log = createLogger('warn');
const camunda = createCamunda(config);
const zeebe = camunda.getZeebeGrpcApiClient();
const rest = camunda.getCamundaRestClient();
progress(machine());
await deployModels(camunda);
await deployResources(camunda, readModels([fileURLToPath(new URL('models/bench-noop.bpmn', import.meta.url))]));

const memory = sampleRss('self');
const running = startWorkers(camunda, workers, { db, log });
const stopRelay = createOutboxRelay({ db, camunda, log }).start(config.relayIntervalMs);
const app = await buildApp({ db, camunda, log }, config);
const api = await app.listen({ host: '127.0.0.1', port: 0 });
const token = bearer('integrator');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Submits one case over HTTP and waits until its completeness task shows in the task search.
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
    const row = await db('applications').where({ id }).first('process_instance_key');
    if (row?.process_instance_key) {
      const { items } = (await rest.searchUserTasks({ filter: { processInstanceKey: row.process_instance_key } } as never)) as unknown as { items: { elementId: string }[] };
      if (items.some((task) => task.elementId === 'check-completeness')) return performance.now() - t0;
    }
    await pause(20);
  }
}

async function floor(count: number): Promise<number[]> {
  const worker = zeebe.createWorker({ taskType: 'bench-noop', taskHandler: (job) => job.complete() });
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await zeebe.createProcessInstanceWithResult({ bpmnProcessId: 'bench-noop', variables: { applicationId: '00000000-0000-4000-8000-000000000000' }, requestTimeout: 30_000 });
    times.push(performance.now() - t0);
  }
  await worker.close();
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
await camunda.closeAllClients();
await db.destroy();

console.log();
printTable([
  { measure: 'engine floor: one-task instance, start to completion', 'p50 ms': round(percentile(floorTimes, 50)), 'p99 ms': round(percentile(floorTimes, 99)), 'cases/s': '' },
  { measure: 'POST /applications to completeness task visible', 'p50 ms': round(percentile(pathTimes, 50)), 'p99 ms': round(percentile(pathTimes, 99)), 'cases/s': '' },
  { measure: `sustained: ${burst} cases at once, each to its first task`, 'p50 ms': '', 'p99 ms': '', 'cases/s': round(burst / burstSeconds, 1) },
]);
console.log(`\nrelay interval ${config.relayIntervalMs} ms; service (API, relay, workers) peak RSS ${rss.peakMiB} MiB`);
process.exit(0);
