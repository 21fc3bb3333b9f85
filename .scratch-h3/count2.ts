import knex from 'knex';
import { learnFromHistory } from '../domain/forecast-history.ts';
import { forecastDays, readHistory, readOpenCases } from '../service/forecast-snapshot.ts';
import { simulate } from '../domain/forecast.ts';
const db = knex({ client: 'pg', connection: 'postgres://hds:hds@127.0.0.1:5432/hds_h3_bench_forecast' });
const cutoff = new Date('2025-07-01T04:00:00Z');
const days = forecastDays(cutoff);
const h = learnFromHistory(await readHistory(db, days), days);
const open = await readOpenCases(db, cutoff);
const cases = open.map(o => o.forecastCase);
for (const runs of [1, 10, 50, 100]) { const t = performance.now(); const sim = simulate(cases, h, days, { runs, seed: 1, horizonWorkingDays: 500 }); let maxDone = 0; for (const v of sim.doneOn) maxDone = Math.max(maxDone, v === -1 ? 501 : v); console.log(runs, Math.round(performance.now() - t), 'ms; latest done', maxDone); }
console.log(JSON.stringify([...h.paceSpread]));
await db.destroy();
