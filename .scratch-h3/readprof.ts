import knex from 'knex';
import { readOpenCases } from '../service/forecast-snapshot.ts';
const db = knex({ client: 'pg', connection: 'postgres://hds:hds@127.0.0.1:5432/hds_h3_bench_forecast' });
const cutoff = new Date('2025-07-01T04:00:00Z');
for (let i = 0; i < 3; i++) { const t = performance.now(); const o = await readOpenCases(db, cutoff); console.log(o.length, Math.round(performance.now() - t)); }
for (const sql of [
 `explain analyze with open as (select id from applications where status = any(?)) select distinct on (e.application_id) e.application_id, e.step, e.occurred_at from open o join audit_events e on e.application_id = o.id where e.step ~ ? order by e.application_id, e.occurred_at desc, e.id desc`,
 `explain analyze with open as (select id from applications where status = any(?)) select a.id, a.status, a.application_type, a.received_at, a.updated_at, a.process_instance_key, a.submission -> 'linkage' as linkage, dl.due_at, array(select s.register_id from application_sources s where s.application_id = a.id order by s.register_id) as register_ids from open o join applications a on a.id = o.id left join deadlines dl on dl.application_id = a.id`,
]) { const r = await db.raw(sql, sql.includes('e.step ~') ? [['registered','in-assessment','awaiting-supplement','awaiting-delivery','forwarded','checking-update','awaiting-decision','decided','received'], '^(received|registered|x)(:.*)?$'] : [['registered','in-assessment','awaiting-supplement','awaiting-delivery','forwarded','checking-update','awaiting-decision','decided','received']]); console.log(r.rows.slice(-3).map((x: any) => x['QUERY PLAN']).join('\n')); }
await db.destroy();
