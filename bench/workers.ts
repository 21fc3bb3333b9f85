// Job throughput and per-job latency through the project's worker runtime against a bare
// @camunda8/sdk worker, on the same no-op task type and the same engine, one after the other
// in the same run. Each round starts N instances of a one-service-task process (kept in
// bench/models, deployed only here), a bounded number at a time, and times each instance from
// its start to its completion. Needs the engine, so it runs under /tmp/hds-engine.lock.
// Run: npm run bench:workers   (BENCH_INSTANCES, BENCH_IN_FLIGHT, BENCH_ROUNDS change the load)
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createCamunda } from '../service/camunda.ts';
import { deployResources, readModels } from '../service/deploy.ts';
import { benchConfig, benchDatabaseUrl, cpuMs, machine, percentile, printTable, progress, round, sampleRss, startChild, stopChild } from './lib.ts';

const instances = Number(process.env.BENCH_INSTANCES ?? 300);
const inFlight = Number(process.env.BENCH_IN_FLIGHT ?? 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const warmUp = 30;

const databaseUrl = benchDatabaseUrl();
const camunda = createCamunda(benchConfig(databaseUrl));
const zeebe = camunda.getZeebeGrpcApiClient();

async function runInstances(count: number, onProgress: (done: number) => void) {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  async function lane() {
    while (next < count) {
      next++;
      const t0 = performance.now();
      await zeebe.createProcessInstanceWithResult({ bpmnProcessId: 'bench-noop', variables: { applicationId: randomUUID() }, requestTimeout: 60_000 });
      times.push(performance.now() - t0);
      onProgress(times.length);
    }
  }
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, lane));
  return { seconds: (performance.now() - started) / 1000, times: times.sort((a, b) => a - b) };
}

async function measure(kind: 'bare' | 'runtime', round_: number) {
  const name = kind === 'bare' ? 'bare @camunda8/sdk worker' : 'project worker runtime';
  const child = await startChild('bench/worker-process.ts', [kind], { BENCH_DB_URL: databaseUrl });
  await runInstances(warmUp, () => {});
  const memory = sampleRss(child.pid!);
  const cpuBefore = cpuMs(child.pid!);
  let lastLine = 0;
  const { seconds, times } = await runInstances(instances, (done) => {
    if (Date.now() - lastLine >= 1000 || done === instances) {
      lastLine = Date.now();
      progress(`${name} (round ${round_}): ${done}/${instances} instances completed`);
    }
  });
  const cpu = cpuMs(child.pid!) - cpuBefore;
  const rss = memory.stop();
  await stopChild(child);
  return {
    worker: name,
    round: round_,
    'jobs/s': round(instances / seconds, 0),
    'p50 ms': round(percentile(times, 50), 1),
    'p99 ms': round(percentile(times, 99), 1),
    'worker CPU ms/job': round(cpu / instances, 2),
    'peak RSS MiB': rss.peakMiB,
  };
}

progress(`${rounds} rounds of ${instances} instances, ${inFlight} in flight; ${machine()}`);
const model = fileURLToPath(new URL('models/bench-noop.bpmn', import.meta.url));
const { resources } = await deployResources(camunda, readModels([model]));
progress(`deployed ${resources.map((r) => `${r.id} v${r.version}`).join(', ')}`);
const rows: Awaited<ReturnType<typeof measure>>[] = [];
for (let r = 1; r <= rounds; r++) {
  // Alternating which goes first spreads drift in the shared machine's load over both.
  const order: ('bare' | 'runtime')[] = r % 2 ? ['bare', 'runtime'] : ['runtime', 'bare'];
  for (const kind of order) rows.push(await measure(kind, r));
}
await camunda.closeAllClients();

console.log();
printTable(rows);
const mean = (name: string, key: 'jobs/s' | 'p99 ms') => {
  const of = rows.filter((row) => row.worker === name);
  return of.reduce((sum, row) => sum + row[key], 0) / of.length;
};
const throughput = mean('project worker runtime', 'jobs/s') / mean('bare @camunda8/sdk worker', 'jobs/s');
console.log(`\nruntime/bare throughput over the rounds: ${round(throughput * 100, 0)}% (target within 10%: ${throughput >= 0.9 ? 'met' : 'not met'})`);
