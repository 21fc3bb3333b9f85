import knex from 'knex';
import { learnFromHistory } from '../domain/forecast-history.ts';
import { forecastDays, readHistory, readOpenCases } from '../service/forecast-snapshot.ts';
import { computeForecasts } from '../service/forecasts.ts';
import { simulate, caseForecasts } from '../domain/forecast.ts';
const db = knex({ client: 'pg', connection: 'postgres://hds:hds@127.0.0.1:5432/hds_h3_bench_forecast' });
const cutoff = new Date('2025-07-01T04:00:00Z');
const days = forecastDays(cutoff);
const h = learnFromHistory(await readHistory(db, days), days);
const open = await readOpenCases(db, cutoff);
for (let i = 0; i < 3; i++) {
  let t = performance.now();
  const cases = open.map(o => o.forecastCase);
  const sim = simulate(cases, h, days);
  const t1 = performance.now();
  caseForecasts(sim, cases, days);
  const t2 = performance.now();
  computeForecasts(h, open, days);
  const t3 = performance.now();
  console.log(open.length, 'simulate', Math.round(t1 - t), 'caseForecasts', Math.round(t2 - t1), 'computeForecasts', Math.round(t3 - t2));
}
await db.destroy();
