// Sustained POST /applications over real HTTP: the service's API against a bare Fastify route
// doing one PostgreSQL insert, measured one after the other in the same run with the same
// load. Bodies vary (title, registers, application type) and are all valid.
// Run: npm run bench:intake   (BENCH_SECONDS, BENCH_CONNECTIONS change the load)
import autocannon from 'autocannon';
import { registerIds } from '../domain/registers.ts';
import { validSubmission } from '../test/fixtures/submission.ts';
import { applicationTypes } from '../api/schemas.ts';
import { bearer, benchDatabaseUrl, cpuMs, freshDatabase, machine, printTable, progress, round, sampleRss, startChild, stopChild } from './lib.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

let sent = 0;
function nextSubmission() {
  const n = sent++;
  const applicationType = applicationTypes[n % applicationTypes.length]!;
  const registers = [0, 1, 2].slice(0, 1 + (n % 3)).map((i) => registerIds[(n * 7 + i * 3) % registerIds.length]!);
  return {
    ...validSubmission,
    applicationType,
    ...(applicationType === 'change' || applicationType === 'data-update' ? { earlierDecisionReference: `HDS-2024-${String(n % 99_999).padStart(5, '0')}` } : {}),
    project: { ...validSubmission.project, title: `Bench-søknad ${n}: registerstudie av ${registers.join(' og ')}` },
    dataSources: registers.map((registerId) => ({ ...validSubmission.dataSources[0]!, registerId })),
  };
}

async function load(name: string, port: number) {
  const authorization = bearer('integrator');
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/applications',
        headers: { 'content-type': 'application/json', authorization },
        setupRequest: (request) => ({ ...request, body: JSON.stringify(nextSubmission()) }),
      },
    ],
  }) as unknown as autocannon.Instance & Promise<autocannon.Result>;
  let second = 0;
  instance.on('tick', (({ counter }: { counter: number }) => progress(`${name}: second ${++second}, ${counter} requests`)) as () => void);
  return instance;
}

async function measure(name: string, kind: 'app' | 'baseline', port: number, databaseUrl: string) {
  progress(`${name}: starting on port ${port}`);
  const child = await startChild('bench/intake-server.ts', [kind, String(port)], { BENCH_DB_URL: databaseUrl });
  const memory = sampleRss(child.pid!);
  const cpuBefore = cpuMs(child.pid!);
  const result = await load(name, port);
  const cpu = cpuMs(child.pid!) - cpuBefore;
  const rss = memory.stop();
  await stopChild(child);
  if (result.non2xx || result.errors) throw new Error(`${name}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  return { name, result, rss, cpuPerRequest: cpu / result.requests.total };
}

const databaseUrl = benchDatabaseUrl();
const db = await freshDatabase(databaseUrl);
await db.raw('create table bench_intake (id bigserial primary key, body jsonb not null, received_at timestamptz not null default now())');
await db.destroy();

progress(`${seconds} s at ${connections} connections per server; ${machine()}`);
const runs = [await measure('baseline (Fastify + 1 insert)', 'baseline', 3901, databaseUrl), await measure('service POST /applications', 'app', 3902, databaseUrl)];
const [baseline, service] = runs.map((run) => ({
  server: run.name,
  'req/s': round(run.result.requests.average, 0),
  'p50 ms': run.result.latency.p50,
  'p99 ms': run.result.latency.p99,
  requests: run.result.requests.total,
  'server CPU ms/req': round(run.cpuPerRequest, 2),
  'peak RSS MiB': run.rss.peakMiB,
}));
console.log();
printTable([baseline!, service!]);
const ratio = service!['req/s'] / baseline!['req/s'];
console.log(`\nservice/baseline throughput: ${round(ratio * 100, 0)}% (target at least 50%: ${ratio >= 0.5 ? 'met' : 'not met'})`);
