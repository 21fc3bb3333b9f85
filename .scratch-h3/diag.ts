import knex from 'knex';
import { readSnapshot } from '../service/forecast-snapshot.ts';
import { computeForecasts } from '../service/forecasts.ts';
import { learnFromHistory } from '../domain/forecast-history.ts';
import { generateHistory, defaultHistory } from '../bench/forecast-history.ts';
import { osloDay } from '../domain/working-days.ts';
const db = knex({ client: 'pg', connection: 'postgres://hds:hds@127.0.0.1:5432/hds_h3_bench_forecast' });
const cutoff = new Date('2025-07-01T04:00:00Z');
const snap = await readSnapshot(db, cutoff);
const h = learnFromHistory(snap.visits, snap.days);
const q = (a: number[]) => a.length ? [a[Math.floor(a.length*0.1)], a[Math.floor(a.length*0.5)], a[Math.floor(a.length*0.9)], a.length] : [];
for (const [k, v] of [...h.durations].sort()) if (!k.includes('|') || k.split('|').length === 2) console.log(k, JSON.stringify(q(v)));
console.log('next', JSON.stringify([...h.next].filter(([k]) => !k.includes('|')).map(([k, m]) => [k, [...m]])));
console.log('perday', JSON.stringify([...h.finishedPerDay].map(([k, v]) => [k, v.reduce((a, b) => a + b, 0)])));
console.log('slow', JSON.stringify([...h.slowdown]));
for (const [k, v] of h.paceChanges) { const s2 = [...v].sort((a,b)=>a-b); console.log('pace', k, v.length, s2.length ? [s2[Math.floor(s2.length*0.1)], s2[Math.floor(s2.length*0.5)], s2[Math.floor(s2.length*0.9)]].map(x=>x.toFixed(2)).join(' ') : '', 'last40', h.finishedPerDay.get(k)!.reduce((a,b)=>a+b,0)); }
const f = computeForecasts(snap)!;
const { cases } = generateHistory({ ...defaultHistory, seed: Number(process.env.SEED ?? 7) });
const byId = new Map(cases.map(c => [c.id, c]));
let shown = 0;
for (const { record, forecast } of f.cases) {
  if (record.forecastCase.stage !== (process.env.STAGE ?? 'completeness-check') || shown++ > 25) continue;
  const c = byId.get(record.id)!;
  console.log(osloDay(c.receivedAt), c.applicationType, c.registerIds.length, JSON.stringify(forecast.decision), 'actual', c.decision ? osloDay(c.decision.decidedAt) : '-', c.steps.filter(s => s.at > cutoff).map(s => s.step.replace(/:.*/, '') + '@' + osloDay(s.at).slice(5)).join(' '));
}
await db.destroy();
