import { generateHistory, defaultHistory } from '../bench/forecast-history.ts';
import { osloDay } from '../domain/working-days.ts';
const { cases } = generateHistory({ ...defaultHistory, seed: Number(process.env.SEED ?? 7) });
const m = new Map<string, number[]>();
for (const c of cases) for (const s of c.steps) { const k = osloDay(s.at).slice(0, 7); const step = s.step.replace(/:.*/, ''); const idx = ['assessed', 'statutory-clock-started', 'routed', 'received'].indexOf(step); if (idx < 0) continue; const v = m.get(k) ?? [0, 0, 0, 0]; v[idx]++; m.set(k, v); }
for (const [k, v] of [...m].sort()) console.log(k, 'assessed', v[0], 'clock', v[1], 'received', v[3]);
