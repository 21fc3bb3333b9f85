// How reading the case file holds up as it grows: the list (first page, a filtered page and
// an integrator's own cases), one case's detail and the statistics, at 1,000, 10,000 and
// 100,000 stored cases. Cases are bulk-inserted with SQL, spread over two years with a mix of
// statuses and the rows a case gathers on its way (sources, audit trail, deadline, decision,
// invoice, custodian orders). Each endpoint gets a sequential run of requests over HTTP.
// Run: npm run bench:growth   (BENCH_REQUESTS changes the requests per endpoint and size)
import type { Knex } from 'knex';
import { buildApp } from '../api/app.ts';
import { registerIds } from '../domain/registers.ts';
import { createEngineClient } from '../platform/engine-client.ts';
import { createLogger } from '../platform/logger.ts';
import { validSubmission } from '../test/fixtures/submission.ts';
import { bearer, benchConfig, benchDatabaseUrl, freshDatabase, machine, printTable, progress, round, timeRequests } from './lib.ts';

const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const requests = Number(process.env.BENCH_REQUESTS ?? 300);
const submitters = 20;

// Statuses in the proportions of a service that has run for some years: most cases closed.
const statusOf = `case
  when k < 40 then 'closed' when k < 45 then 'rejected' when k < 50 then 'decided'
  when k < 60 then 'awaiting-delivery' when k < 70 then 'in-assessment' when k < 75 then 'forwarded'
  when k < 80 then 'awaiting-supplement' when k < 90 then 'registered' else 'received' end`;

async function seed(db: Knex, from: number, to: number) {
  const range = [from, to];
  await db.raw(
    `insert into bench_seed (i, id, status, received_at)
     select i, md5('bench-case-' || i)::uuid, ${statusOf},
       now() - interval '730 days' * ((i * 0.6180339887) % 1)
     from (select i, (i * 37) % 100 as k from generate_series(?::int, ?::int) i) s`,
    range,
  );
  const cases = `from bench_seed c where c.i between ? and ?`;
  await db.raw(
    `insert into applications (id, reference, status, submission, process_instance_id, received_at, updated_at, deciding_body, application_type, submitted_by)
     select c.id, 'HDS-B-' || lpad(c.i::text, 7, '0'), c.status,
       jsonb_set(?::jsonb, '{project,title}', to_jsonb('Registerstudie nummer ' || c.i)),
       (2251799813685248 + c.i)::text, c.received_at, c.received_at + interval '1 day',
       case when c.status in ('received', 'registered') then null when c.i % 10 = 0 then 'REK' else 'HDS' end,
       case when c.i % 10 < 7 then 'new' when c.i % 10 = 7 then 'anonymous-statistics' when c.i % 10 = 8 then 'change' else 'data-update' end,
       'bench-integrator-' || (c.i % ${submitters})
     ${cases}`,
    [JSON.stringify(validSubmission), ...range],
  );
  await db.raw(
    `insert into application_sources (application_id, register_id)
     select c.id, (?::text[])[1 + (c.i * 7 + j * 3) % ${registerIds.length}]
     ${cases.replace('from bench_seed c', 'from bench_seed c cross join generate_series(0, 2) j')} and j <= c.i % 3`,
    [[...registerIds], ...range],
  );
  await db.raw(
    `insert into audit_events (application_id, step, actor, detail, occurred_at)
     select c.id, (array['received', 'registered', 'routed', 'assessment-started', 'assessed', 'decided', 'letter-sent', 'closed'])[j], 'bench', '{}'::jsonb, c.received_at + (j - 1) * interval '3 days'
     ${cases.replace('from bench_seed c', 'from bench_seed c cross join generate_series(1, 8) j')}
       and j <= case when c.status in ('received') then 1 when c.status in ('registered', 'awaiting-supplement', 'rejected') then 2
                     when c.status in ('in-assessment', 'forwarded') then 4 when c.status = 'closed' then 8 else 7 end`,
    range,
  );
  await db.raw(
    `insert into deadlines (application_id, working_days, starts_on, warn_at, due_at, warned_at, breached_at)
     select c.id, 60, c.received_at::date, c.received_at + interval '70 days', c.received_at + interval '84 days',
       case when c.i % 9 = 0 then c.received_at + interval '70 days' end, case when c.i % 27 = 0 then c.received_at + interval '84 days' end
     ${cases} and c.status <> 'received'`,
    range,
  );
  const decided = `${cases} and c.status in ('decided', 'awaiting-delivery', 'closed')`;
  await db.raw(
    `insert into decisions (application_id, decided_by_body, outcome, decided_by, decided_at, letter_sent_at, appeal_deadline)
     select c.id, 'HDS', case when c.i % 8 = 0 then 'rejected' else 'approved' end, 'saksbehandler',
       c.received_at + (20 + c.i % 60) * interval '1 day', c.received_at + (21 + c.i % 60) * interval '1 day', (c.received_at + (41 + c.i % 60) * interval '1 day')::date
     ${decided}`,
    range,
  );
  await db.raw(
    `insert into invoices (application_id, base_fee_nok, hourly_rate_nok, hours_billed, amount_nok, issued_at)
     select c.id, 5000, 1100, c.i % 12, 5000 + 1100 * (c.i % 12), c.received_at + (22 + c.i % 60) * interval '1 day'
     ${decided}`,
    range,
  );
  await db.raw(
    `insert into custodian_orders (kind, state, application_id, custodian_id, register_ids, due_at, sent_at, delivered_at, analysis_environment)
     select 'data-order', case when c.status = 'closed' then 'delivered' else 'sent' end,
       c.id, (array['FHI', 'HDIR', 'KREFTREGISTERET'])[j], array[(?::text[])[1 + (c.i + j) % ${registerIds.length}]],
       c.received_at + (80 + c.i % 60) * interval '1 day', c.received_at + (23 + c.i % 60) * interval '1 day',
       case when c.status = 'closed' then c.received_at + (60 + c.i % 90) * interval '1 day' end, 'TSD'
     ${decided.replace('from bench_seed c', 'from bench_seed c cross join generate_series(1, 3) j')} and j <= 1 + c.i % 2 and c.status <> 'decided'`,
    [[...registerIds], ...range],
  );
  // As autovacuum leaves a table in service: statistics current, visibility map set.
  await db.raw('vacuum analyze');
}

const databaseUrl = benchDatabaseUrl('_growth');
const db = await freshDatabase(databaseUrl);
await db.raw('create table bench_seed (i int primary key, id uuid not null, status text not null, received_at timestamptz not null)');
const config = benchConfig(databaseUrl);
// The API needs an engine client; the endpoints measured here never call the engine.
const engine = createEngineClient(config.engine);
// `/stats` is measured twice: as served (figures computed at most once per STATS_MAX_AGE_SECONDS,
// by an API started afresh for each size so that it never serves the smaller size's figures) and
// computed on every request (STATS_MAX_AGE_SECONDS 0), which is what one computation costs.
async function listening(statsMaxAgeSeconds: number) {
  const app = await buildApp({ db, engine, log: createLogger(config.logLevel) }, { ...config, statsMaxAgeSeconds });
  return { app, base: await app.listen({ host: '127.0.0.1', port: 0 }) };
}
const caseworker = bearer('caseworker');
const integrator = bearer('integrator', 'bench-integrator-3');

progress(`${requests} sequential requests per endpoint and size; ${machine()}`);
const rows: Record<string, string | number>[] = [];
let stored = 0;
for (const size of sizes) {
  progress(`inserting cases ${stored + 1} to ${size}`);
  await seed(db, stored + 1, size);
  stored = size;
  const ids = (await db('bench_seed').orderByRaw('random()').limit(500).pluck('id')) as string[];
  let pick = 0;
  const served = await listening(config.statsMaxAgeSeconds);
  const computed = await listening(0);
  const quarter = '/stats?from=2026-07-01&to=2026-09-30';
  const endpoints: [string, string, () => string, string][] = [
    ['GET /applications (first page)', served.base, () => '/applications', caseworker],
    ['GET /applications?status&registerId', served.base, () => '/applications?status=in-assessment&registerId=NPR', caseworker],
    ["GET /applications (integrator's own)", served.base, () => '/applications', integrator],
    ['GET /applications/{id}', served.base, () => `/applications/${ids[pick++ % ids.length]}`, caseworker],
    ['GET /stats (served)', served.base, () => '/stats', caseworker],
    ['GET /stats?from&to (a quarter, served)', served.base, () => quarter, caseworker],
    ['GET /stats (computed each time)', computed.base, () => '/stats', caseworker],
    ['GET /stats?from&to (a quarter, computed each time)', computed.base, () => quarter, caseworker],
  ];
  for (const [name, base, path, authorization] of endpoints) {
    const { p50, p99 } = await timeRequests(base, path, { authorization }, requests);
    progress(`${size} cases: ${name} p50 ${p50} ms, p99 ${p99} ms`);
    rows.push({ cases: size, endpoint: name, 'p50 ms': p50, 'p99 ms': p99 });
  }
  await served.app.close();
  await computed.app.close();
}
await db.destroy();

console.log();
printTable(rows);
console.log();
const [smallest, largest] = [sizes[0], sizes.at(-1)];
for (const row of rows.filter((r) => r.cases === largest)) {
  const small = rows.find((r) => r.cases === smallest && r.endpoint === row.endpoint)!;
  const ratio = Number(row['p99 ms']) / Number(small['p99 ms']);
  console.log(`${row.endpoint}: p99 at ${largest} is ${round(ratio, 2)}x p99 at ${smallest} (target at most 1.5x: ${ratio <= 1.5 ? 'met' : 'not met'})`);
}
