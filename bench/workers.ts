// External-task throughput and per-task latency through the project's worker runtime against a
// bare camunda-external-task-client-js worker, on the same no-op topic and the same engine, one
// after the other in the same run. Each round starts N instances of a one-service-task process
// (kept in bench/models, deployed only here and by bench/path.ts), keeping at most a bounded
// number unfinished at a time. Each instance's time from start to completion comes from the
// engine's history; throughput is the instances over the time until the last one completed.
// Needs the engine, so it runs under /tmp/hds-engine.lock.
// Run: npm run bench:workers   (BENCH_INSTANCES, BENCH_IN_FLIGHT, BENCH_ROUNDS change the load)
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { deployResources, readModels } from '../platform/deploy.ts';
import { createEngineClient } from '../platform/engine-client.ts';
import { typedVariables } from '../platform/engine-variables.ts';
import { benchConfig, benchDatabaseUrl, cpuMs, machine, percentile, printTable, progress, round, sampleRss, startChild, stopChild } from './lib.ts';

const instances = Number(process.env.BENCH_INSTANCES ?? 300);
const inFlight = Number(process.env.BENCH_IN_FLIGHT ?? 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const warmUp = 30;
// The client's stop() leaves its last long poll open at the engine, which can still lock a
// task of the next worker's round for the lock's 60 s; it ends by itself after this long.
const asyncResponseTimeoutMs = 10_000;

const databaseUrl = benchDatabaseUrl();
const engine = createEngineClient(benchConfig(databaseUrl).engine);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type HistoricInstance = { startTime: string; endTime: string | null };

// Starts the instances of one batch (business keys share its prefix), never more than inFlight
// unfinished, and waits until all are complete. Unfinished instances are counted in the
// engine's runtime tables, which hold only them, so the count stays cheap as history grows.
async function runInstances(count: number, onProgress: (done: number) => void) {
  const batch = `bench-${randomUUID()}`;
  const running = async () =>
    (await engine.call<{ count: number }>('GET', `/process-instance/count?processDefinitionKey=bench-noop&businessKeyLike=${batch}-%25`)).count;
  let started = 0;
  let created = 0;
  let done = 0;
  const begun = performance.now();
  const watching = (async () => {
    while (done < count) {
      await pause(20);
      // Read before the count, so an instance created meanwhile is never taken for finished.
      const createdBefore = created;
      done = createdBefore - (await running());
      onProgress(done);
    }
  })();
  async function lane() {
    while (started < count) {
      if (started - done >= inFlight) {
        await pause(5);
        continue;
      }
      const n = started++;
      await engine.call('POST', '/process-definition/key/bench-noop/start', {
        businessKey: `${batch}-${n}`,
        variables: typedVariables({ applicationId: randomUUID() }),
      });
      created += 1;
    }
  }
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, lane));
  await watching;
  const seconds = (performance.now() - begun) / 1000;
  const history = await engine.call<HistoricInstance[]>('GET', `/history/process-instance?processDefinitionKey=bench-noop&processInstanceBusinessKeyLike=${batch}-%25&maxResults=${count}`);
  const times = history.map((i) => Date.parse(i.endTime!) - Date.parse(i.startTime)).sort((a, b) => a - b);
  return { seconds, times };
}

async function measure(kind: 'bare' | 'runtime', round_: number) {
  const name = kind === 'bare' ? 'bare external-task client' : 'project worker runtime';
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
  await pause(asyncResponseTimeoutMs + 1_000);
  return {
    worker: name,
    round: round_,
    'tasks/s': round(instances / seconds, 0),
    'p50 ms': round(percentile(times, 50), 1),
    'p95 ms': round(percentile(times, 95), 1),
    'p99 ms': round(percentile(times, 99), 1),
    'worker CPU ms/task': round(cpu / instances, 2),
    'peak RSS MiB': rss.peakMiB,
  };
}

progress(`${rounds} rounds of ${instances} instances, ${inFlight} in flight; ${machine()}`);
const model = fileURLToPath(new URL('models/bench-noop.bpmn', import.meta.url));
const { resources } = await deployResources(engine, readModels([model]), 'bench-noop');
progress(`deployed ${resources.map((r) => `${r.id} v${r.version}`).join(', ')} to ${benchConfig(databaseUrl).engine.url}`);
const rows: Awaited<ReturnType<typeof measure>>[] = [];
for (let r = 1; r <= rounds; r++) {
  // Alternating which goes first spreads drift in the shared machine's load over both.
  const order: ('bare' | 'runtime')[] = r % 2 ? ['bare', 'runtime'] : ['runtime', 'bare'];
  for (const kind of order) rows.push(await measure(kind, r));
}

console.log();
printTable(rows);
const mean = (name: string, key: 'tasks/s' | 'worker CPU ms/task') => {
  const of = rows.filter((row) => row.worker === name);
  return of.reduce((sum, row) => sum + row[key], 0) / of.length;
};
const throughput = mean('project worker runtime', 'tasks/s') / mean('bare external-task client', 'tasks/s');
const cpu = mean('project worker runtime', 'worker CPU ms/task') / mean('bare external-task client', 'worker CPU ms/task');
console.log(`\nruntime/bare throughput over the rounds: ${round(throughput * 100, 0)}% (target within 10%: ${throughput >= 0.9 ? 'met' : 'not met'})`);
console.log(`runtime/bare worker CPU per task: ${round(cpu * 100, 0)}%`);
