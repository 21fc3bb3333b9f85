import knex from 'knex';
import { forecastDays, readHistory, readOpenCases } from '../service/forecast-snapshot.ts';
import { computeForecasts } from '../service/forecasts.ts';
import { learnFromHistory } from '../domain/forecast-history.ts';
import { generateHistory, defaultHistory } from '../bench/forecast-history.ts';
import { osloDay } from '../domain/working-days.ts';
const db = knex({ client: 'pg', connection: 'postgres://hds:hds@127.0.0.1:5432/hds_h3_bench_forecast' });
const cutoff = new Date('2025-07-01T04:00:00Z');
const days = forecastDays(cutoff);
const h = learnFromHistory(await readHistory(db, days), days);
const open = await readOpenCases(db, cutoff);
console.log('capacity', JSON.stringify([...h.capacityPerDay].map(([k, v]) => [k, v.length, (v.reduce((a, b) => a + b, 0) / Math.max(1, v.length)).toFixed(2)])));
console.log('slow', JSON.stringify([...h.slowdown].map(([k, v]) => [k, v.map(x => x.toFixed(2))])), 'spread', JSON.stringify([...h.paceSpread].map(([k, v]) => [k, v.toFixed(2)])));
const f = computeForecasts(h, open, days)!;
const { cases } = generateHistory({ ...defaultHistory, seed: Number(process.env.SEED ?? 7) });
const byId = new Map(cases.map(c => [c.id, c]));
const rows = f.cases.filter(x => x.record.forecastCase.stage === (process.env.STAGE ?? 'assessment')).sort((a, b) => (a.record.forecastCase.statutoryDueOn ?? a.record.forecastCase.receivedOn).localeCompare(b.record.forecastCase.statutoryDueOn ?? b.record.forecastCase.receivedOn));
// actual assessment exits per week after cutoff
const exits = new Map<string, number>();
for (const c of cases) for (const s of c.steps) if (s.step.startsWith('assessed') && s.at > cutoff && s.at < new Date('2025-10-01')) { const w = osloDay(s.at).slice(0, 7); exits.set(w, (exits.get(w) ?? 0) + 1); }
console.log('actual assessed per month', JSON.stringify([...exits].sort()));
rows.forEach((x, i) => { if (i % 6) return; const c = byId.get(x.record.id)!; console.log(i, x.record.forecastCase.statutoryDueOn, JSON.stringify(x.forecast.decision), 'actual', c.decision ? osloDay(c.decision.decidedAt) : '-'); });
await db.destroy();
