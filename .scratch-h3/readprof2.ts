import knex from 'knex';
import { readOpenCases } from '../service/forecast-snapshot.ts';
const db = knex({ client: 'pg', connection: 'postgres://hds:hds@127.0.0.1:5432/hds_h3_bench_forecast' });
const cutoff = new Date('2025-07-01T04:00:00Z');
for (let i = 0; i < 5; i++) { const t = performance.now(); const o = await readOpenCases(db, cutoff); console.log(o.length, Math.round(performance.now() - t)); }
await db.destroy();
