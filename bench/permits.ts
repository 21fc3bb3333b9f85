// The public register of permits and the permit API at 1,000 and 10,000 permits: the
// register's first page as JSON and as the web page, a page filtered by source, the whole
// register as CSV, a caseworker's and an integrator's list, one permit's detail, and /stats
// computed each time (its permit figures read every permit). Permits are bulk-inserted with
// SQL, with the case each came from, in every state and with one to three sources. Each
// endpoint gets a sequential run of requests over HTTP.
// Run: npm run bench:permits   (BENCH_PERMITS=1000,10000 the sizes, BENCH_REQUESTS the requests)
import type { Knex } from 'knex';
import { buildApp } from '../api/app.ts';
import { registerIds } from '../domain/registers.ts';
import { createEngineClient } from '../platform/engine-client.ts';
import { createLogger } from '../platform/logger.ts';
import { validSubmission } from '../test/fixtures/submission.ts';
import { bearer, benchConfig, benchDatabaseUrl, freshDatabase, machine, printTable, progress, timeRequests } from './lib.ts';

const sizes = (process.env.BENCH_PERMITS ?? '1000,10000').split(',').map(Number);
const requests = Number(process.env.BENCH_REQUESTS ?? 200);
const csvRequests = Math.max(20, Math.round(requests / 10));
const submitters = 20;

// Most permits of a service some years old have ended and been closed.
const stateOf = `case when k < 45 then 'closed' when k < 80 then 'active' when k < 88 then 'extended' when k < 96 then 'expired' else 'revoked' end`;

async function seed(db: Knex, from: number, to: number) {
  const range = [from, to];
  await db.raw(
    `insert into applications (id, reference, status, submission, received_at, updated_at, deciding_body, application_type, submitted_by)
     select md5('bench-permit-case-' || i)::uuid, 'HDS-P-' || lpad(i::text, 7, '0'), 'closed',
       jsonb_set(?::jsonb, '{project,title}', to_jsonb('Registerstudie nummer ' || i)),
       now() - interval '1 day' * (i % 2000) - interval '120 days', now(), 'HDS', 'new', 'bench-integrator-' || (i % ${submitters})
     from generate_series(?::int, ?::int) i`,
    [JSON.stringify(validSubmission), ...range],
  );
  await db.raw(
    `insert into permits (id, application_id, reference, state, version, institution_name, organisation_number, project_leader_name, project_leader_email,
       project_title, purpose_category, data_sources, analysis_environment, starts_on, ends_on, conditions, periodic_deliveries, deciding_body, decided_at, submitted_by)
     select md5('bench-permit-' || i)::uuid, md5('bench-permit-case-' || i)::uuid, 'HDS-P-' || lpad(i::text, 7, '0'), ${stateOf}, 1 + (i % 3 = 0)::int,
       'Institusjon nummer ' || (i % 300), '983744516', 'Prosjektleder ' || i, 'leder' || i || '@example.no',
       'Registerstudie nummer ' || i, (array['research', 'statistics', 'quality-improvement', 'planning'])[1 + i % 4],
       (select jsonb_agg(jsonb_build_object('registerId', (?::text[])[1 + (i * 7 + j * 3) % ${registerIds.length}], 'variables', jsonb_build_array('v1', 'v2', 'v3')))
          from generate_series(0, i % 3) j),
       'TSD', decided::date, decided::date + 365 * (1 + i % 5), 'Data slettes ved prosjektslutt.', i % 5 = 0, 'HDS', decided, 'bench-integrator-' || (i % ${submitters})
     from (select i, (i * 37) % 100 as k, now() - interval '1 day' * (i % 2000) - interval '60 days' as decided from generate_series(?::int, ?::int) i) s`,
    [[...registerIds], ...range],
  );
  await db.raw(
    `insert into permit_sources (permit_id, register_id)
     select distinct p.id, s ->> 'registerId'
     from permits p, jsonb_array_elements(p.data_sources) s
     where p.reference between 'HDS-P-' || lpad(?::text, 7, '0') and 'HDS-P-' || lpad(?::text, 7, '0')`,
    range,
  );
  // As autovacuum leaves a table in service: statistics current, visibility map set.
  await db.raw('vacuum analyze');
}

const databaseUrl = benchDatabaseUrl('_permits');
const db = await freshDatabase(databaseUrl);
const config = benchConfig(databaseUrl);
// The API needs an engine client; the endpoints measured here never call the engine.
const engine = createEngineClient(config.engine);
const app = await buildApp({ db, engine, log: createLogger(config.logLevel) }, { ...config, statsMaxAgeSeconds: 0 });
const base = await app.listen({ host: '127.0.0.1', port: 0 });
const caseworker = { authorization: bearer('caseworker') };
const integrator = { authorization: bearer('integrator', 'bench-integrator-3') };

progress(`${requests} sequential requests per endpoint and size (${csvRequests} for the CSV of every permit); ${machine()}`);
const rows: Record<string, string | number>[] = [];
let stored = 0;
for (const size of sizes) {
  progress(`inserting permits ${stored + 1} to ${size}`);
  await seed(db, stored + 1, size);
  stored = size;
  const ids = (await db('permits').orderByRaw('random()').limit(500).pluck('id')) as string[];
  let pick = 0;
  const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
  const endpoints: [string, () => string, Record<string, string>, number][] = [
    ['GET /public/permits (JSON, first page of 50)', () => '/public/permits', {}, requests],
    ['GET /public/permits (web page, first page of 50)', () => '/public/permits', html, requests],
    ['GET /public/permits?registerId (JSON)', () => '/public/permits?registerId=NPR', {}, requests],
    ['GET /public/permits?format=csv (every permit)', () => '/public/permits?format=csv', {}, csvRequests],
    ['GET /permits (caseworker, first page of 25)', () => '/permits', caseworker, requests],
    ["GET /permits (integrator's own)", () => '/permits', integrator, requests],
    ['GET /permits/{id}', () => `/permits/${ids[pick++ % ids.length]}`, caseworker, requests],
    ['GET /stats (computed each time, with permit figures)', () => '/stats', caseworker, requests],
  ];
  for (const [name, path, headers, count] of endpoints) {
    const { p50, p99 } = await timeRequests(base, path, headers, count);
    progress(`${size} permits: ${name} p50 ${p50} ms, p99 ${p99} ms`);
    rows.push({ permits: size, endpoint: name, 'p50 ms': p50, 'p99 ms': p99 });
  }
}
const csv = await (await fetch(`${base}/public/permits?format=csv`)).text();
progress(`CSV of ${stored} permits: ${Math.round(Buffer.byteLength(csv) / 1024)} KiB`);
await app.close();
await db.destroy();

console.log();
printTable(rows);
