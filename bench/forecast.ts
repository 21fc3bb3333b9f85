// The forecast's backtest and its cost. Two years of synthetic history
// (bench/forecast-history.ts) are written into a case file as it stood after 18 months; the
// service's own refresh code reads it and forecasts every case open then; what then happened
// is compared with the forecast and with two baselines: the published flat estimate (decision
// 3–5 months after receipt, delivery 2–3 months after that) and the history's median time by
// application type. The list "Frist i fare" is replayed morning by morning after the cutoff
// and scored against who then missed the deadline (precision, recall, lead time). Then the same
// case file thirty times over (about 10,000 open cases) is forecast and stored, and timed.
// Writes the plot of predicted against actual dates to bench/results/forecast.svg.
// Run: npm run bench:forecast   (BENCH_COPIES: copies of the cost run; BENCH_SEED: another
// history; BENCH_REPLAY_DAYS: working days of the deadline-risk replay, 60; BENCH_RULEBOOK:
// norwegian or ehds, the rules every synthetic case follows, 3 months to decide under EHDS)
import { mkdirSync, writeFileSync } from 'node:fs';
import { quantileSorted } from 'simple-statistics';
import { decidedAlready, type CaseForecast, type DateRange } from '../domain/forecast/forecast.ts';
import { learnFromHistory } from '../domain/forecast/history.ts';
import { forecastStageOfStatus } from '../domain/forecast/stage-visits.ts';
import { isRulebookId, type RulebookId } from '../domain/rulebook/rulebooks.ts';
import { osloDay, type IsoDate } from '../domain/working-days.ts';
import { forecastDays, readHistory, readOpenCases } from '../store/forecast/snapshot.ts';
import { storeForecasts } from '../store/forecast/store.ts';
import { computeForecasts } from '../store/forecast/forecasts.ts';
import { writeCaseFile } from './forecast-case-file.ts';
import { addMonths, caseAt, defaultHistory, generateHistory, type SyntheticCase } from './forecast-history.ts';
import { benchDatabaseUrl, freshDatabase, machine, printTable, progress, round } from './lib.ts';

const copies = Number(process.env.BENCH_COPIES ?? 30);
function rulebookOf(value: string): RulebookId {
  if (!isRulebookId(value)) throw new Error(`BENCH_RULEBOOK must be norwegian or ehds, not ${value}`);
  return value;
}
const history = { ...defaultHistory, seed: Number(process.env.BENCH_SEED ?? defaultHistory.seed), rulebook: rulebookOf(process.env.BENCH_RULEBOOK ?? defaultHistory.rulebook) };
// Fit on the first 18 months, forecast the cases open then.
const cutoffDay = addMonths(history.start, 18);
// Before the day's first step (the generator's steps start at 08:00 UTC).
const cutoff = new Date(`${cutoffDay}T04:00:00Z`);
const dayMs = 86_400_000;

const daysBetween = (from: IsoDate, to: IsoDate) => Math.round((Date.parse(to) - Date.parse(from)) / dayMs);
const later = (a: IsoDate, b: IsoDate) => (a > b ? a : b);

// When a case's data were delivered: when the last custodian delivered, and under EHDS when the
// user then got access to them (what the forecast's delivery forecasts); null: not yet.
function deliveredAt(c: SyntheticCase): Date | null {
  if (c.rulebook === 'ehds') return c.userAccess?.givenAt ?? null;
  return c.orders.length > 0 && c.orders.every((o) => o.deliveredAt) ? new Date(Math.max(...c.orders.map((o) => o.deliveredAt!.getTime()))) : null;
}

type Outcome = { decidedOn: IsoDate | null; deliveredOn: IsoDate | null };
function outcomeOf(c: SyntheticCase): Outcome {
  const decidedOn = c.decision && c.decision.decidedAt >= cutoff ? osloDay(c.decision.decidedAt) : null;
  const delivered = deliveredAt(c);
  return { decidedOn, deliveredOn: delivered && delivered >= cutoff ? osloDay(delivered) : null };
}

type Prediction = { decision: DateRange | null; delivery: DateRange | null };
type Row = { c: SyntheticCase; stage: string; outcome: Outcome; predictions: Record<string, Prediction> };

// The history's own times by application type (receipt to decision, decision to delivery) over
// the year before the cutoff: the baseline that knows history but no queue.
function historyMedians(cases: readonly SyntheticCase[]) {
  const from = new Date(cutoff.getTime() - 365 * dayMs);
  const times = new Map<string, { decision: number[]; delivery: number[] }>();
  for (const c of cases) {
    if (!c.decision || c.decision.decidedAt >= cutoff || c.decision.decidedAt < from) continue;
    const t = times.get(c.applicationType) ?? { decision: [], delivery: [] };
    times.set(c.applicationType, t);
    t.decision.push((c.decision.decidedAt.getTime() - c.receivedAt.getTime()) / dayMs);
    const delivered = deliveredAt(c);
    if (delivered && delivered < cutoff) t.delivery.push((delivered.getTime() - c.decision.decidedAt.getTime()) / dayMs);
  }
  const spread = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return [0.5, 0.1, 0.9].map((p) => (sorted.length ? quantileSorted(sorted, p) : 0));
  };
  return new Map([...times].map(([type, t]) => [type, { decision: spread(t.decision), delivery: spread(t.delivery) }]));
}

function shifted(base: IsoDate, [median, from, to]: number[]): DateRange {
  const at = (days: number) => later(new Date(Date.parse(base) + Math.round(days) * dayMs).toISOString().slice(0, 10), cutoffDay);
  return { median: at(median!), from: at(from!), to: at(to!) };
}

function score(rows: Row[], method: string, what: 'decision' | 'delivery') {
  const scored = rows.flatMap((row) => {
    const actual = what === 'decision' ? row.outcome.decidedOn : row.outcome.deliveredOn;
    const predicted = row.predictions[method]![what];
    return actual && predicted ? [{ actual, predicted }] : [];
  });
  const signed = scored.map(({ actual, predicted }) => daysBetween(actual, predicted.median));
  const mean = (values: number[]) => round(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length));
  const inside = scored.filter(({ actual, predicted }) => predicted.from <= actual && actual <= predicted.to).length;
  return { cases: scored.length, mae: mean(signed.map(Math.abs)), bias: mean(signed), inside: round((100 * inside) / Math.max(1, scored.length)) };
}

// Predicted against actual decision dates, in days after the cutoff, with the 80% intervals;
// the flat estimate beside them.
function plot(rows: Row[]): string {
  const points = rows.filter((r) => r.outcome.decidedOn && r.predictions.forecast!.decision);
  const after = (day: IsoDate) => daysBetween(cutoffDay, day);
  const maxDays = Math.max(120, ...points.map((r) => Math.max(after(r.outcome.decidedOn!), after(r.predictions.forecast!.decision!.to))));
  const span = Math.ceil(maxDays / 30) * 30;
  const [width, height, margin] = [760, 560, 60];
  const x = (d: number) => margin + ((width - 2 * margin) * d) / span;
  // Below 0: dates the flat estimate puts in the past.
  const lowest = -60;
  const y = (d: number) => height - margin - ((height - 2 * margin) * (Math.max(lowest, Math.min(span, d)) - lowest)) / (span - lowest);
  const ticks = Array.from({ length: span / 30 + 1 }, (_, i) => i * 30);
  const flat = points.map((r) => {
    const f = r.predictions.flat!.decision!;
    return `<circle cx="${x(after(r.outcome.decidedOn!)).toFixed(1)}" cy="${y(after(f.median)).toFixed(1)}" r="2" fill="#bbbbbb"/>`;
  });
  const forecast = points.map((r) => {
    const f = r.predictions.forecast!.decision!;
    const cx = x(after(r.outcome.decidedOn!)).toFixed(1);
    const inside = f.from <= r.outcome.decidedOn! && r.outcome.decidedOn! <= f.to;
    return `<line x1="${cx}" x2="${cx}" y1="${y(after(f.from)).toFixed(1)}" y2="${y(after(f.to)).toFixed(1)}" stroke="${inside ? '#7aa6d6' : '#e3a0a0'}" stroke-width="1"/><circle cx="${cx}" cy="${y(after(f.median)).toFixed(1)}" r="2.2" fill="#1f4e8c"/>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">
<rect width="100%" height="100%" fill="white"/>
<text x="${width / 2}" y="20" text-anchor="middle" font-size="14">Decision dates of the cases open on ${cutoffDay}: forecast against what happened</text>
${ticks.map((t) => `<line x1="${x(t)}" x2="${x(t)}" y1="${y(lowest)}" y2="${y(span)}" stroke="#eeeeee"/><text x="${x(t)}" y="${height - margin + 16}" text-anchor="middle">${t}</text>`).join('\n')}
${ticks.map((t) => `<line x1="${x(0)}" x2="${x(span)}" y1="${y(t)}" y2="${y(t)}" stroke="#eeeeee"/><text x="${margin - 6}" y="${y(t) + 4}" text-anchor="end">${t}</text>`).join('\n')}
<line x1="${x(0)}" y1="${y(0)}" x2="${x(span)}" y2="${y(span)}" stroke="#444444" stroke-dasharray="4 3"/>
${flat.join('\n')}
${forecast.join('\n')}
<text x="${width / 2}" y="${height - 18}" text-anchor="middle">actual decision, days after the cutoff</text>
<text x="16" y="${height / 2}" text-anchor="middle" transform="rotate(-90 16 ${height / 2})">predicted, days after the cutoff (below 0: in the past)</text>
<circle cx="${margin + 10}" cy="40" r="3" fill="#1f4e8c"/><text x="${margin + 18}" y="44">forecast (median) with its 80% interval: blue when the decision fell inside, red when not</text>
<circle cx="${margin + 10}" cy="56" r="3" fill="#bbbbbb"/><text x="${margin + 18}" y="60">published flat estimate (4 months after receipt)</text>
</svg>
`;
}

progress(`forecast backtest; ${machine()}`);
const generated = generateHistory(history);
progress(`${generated.cases.length} synthetic cases from ${history.start} over ${history.months} months (and on until every case has ended), seed ${history.seed}`);
const db = await freshDatabase(benchDatabaseUrl('_forecast'));
await writeCaseFile(db, generated.cases, cutoff);

let started = performance.now();
const days = forecastDays(cutoff);
const learned = learnFromHistory(await readHistory(db, days), days);
const open = await readOpenCases(db, cutoff);
const forecasts = computeForecasts(learned, open, days, history.rulebook);
if (!forecasts) throw new Error('The history has too few decisions to forecast');
progress(`${open.length} cases open on ${cutoffDay}, forecast in ${Math.round(performance.now() - started)} ms`);

const byId = new Map(generated.cases.map((c) => [c.id, c]));
const medians = historyMedians(generated.cases);
const rows: Row[] = forecasts.cases.map(({ record, forecast }) => {
  const c = byId.get(record.id)!;
  const received = osloDay(c.receivedAt);
  const decided = decidedAlready(record.forecastCase);
  const typical = medians.get(c.applicationType)!;
  const decisionDay = decided ? osloDay(c.decision!.decidedAt) : received;
  return {
    c,
    stage: forecastStageOfStatus(caseAt(c, cutoff).status) ?? '?',
    outcome: outcomeOf(c),
    predictions: {
      forecast: { decision: forecast.decision, delivery: forecast.delivery },
      flat: {
        decision: { median: addMonths(received, 4), from: addMonths(received, 3), to: addMonths(received, 5) },
        delivery: { median: addMonths(received, 6.5), from: addMonths(received, 5), to: addMonths(received, 8) },
      },
      history: {
        decision: shifted(received, typical.decision),
        delivery: shifted(decisionDay, decided ? typical.delivery : typical.decision.map((d, i) => d + typical.delivery[i]!)),
      },
    },
  };
});

const methods: [string, string][] = [
  ['forecast', 'this forecast (queue simulation)'],
  ['flat', 'published flat estimate (3–5 months, then 2–3)'],
  ['history', 'median time by application type (history, no queue)'],
];
const table = methods.map(([method, name]) => {
  const decision = score(rows, method, 'decision');
  const delivery = score(rows, method, 'delivery');
  return {
    method: name,
    'decisions': decision.cases,
    'decision MAE days': decision.mae,
    'decision bias days': decision.bias,
    'decision inside 80%': `${decision.inside}%`,
    'deliveries': delivery.cases,
    'delivery MAE days': delivery.mae,
    'delivery bias days': delivery.bias,
    'delivery inside 80%': `${delivery.inside}%`,
  };
});
console.log();
printTable(table);

// By the stage a case stood in at the cutoff.
const stageRows = [...new Set(rows.map((r) => r.stage))].map((stage) => {
  const inStage = rows.filter((r) => r.stage === stage);
  const f = score(inStage, 'forecast', 'decision');
  const flat = score(inStage, 'flat', 'decision');
  const fd = score(inStage, 'forecast', 'delivery');
  return { stage, open: inStage.length, 'decided later': f.cases, 'forecast MAE': f.mae, bias: f.bias, 'inside 80%': `${f.inside}%`, 'flat MAE': flat.mae, 'delivered later': fd.cases, 'delivery MAE': fd.mae, 'delivery bias': fd.bias, 'delivery inside 80%': `${fd.inside}%` };
});
console.log();
printTable(stageRows);

// Frist i fare as caseworkers see it: the refresh replayed on every working morning of the
// `replayDays` after the cutoff, on the case file as it stood then. A case counts as flagged
// when the list showed it on a morning at least `leadWorkingDays` working days before its
// deadline. Scored: the cases undecided on such a morning whose deadline falls in the replay.
// Beside the rule the service uses (deadlineAtRisk), the rule before it: the forecast's 80%
// interval for the decision passes the deadline.
const replayDays = Number(process.env.BENCH_REPLAY_DAYS ?? 60);
const leadWorkingDays = 5;
const riskRules = {
  'undecided, 5 working days or fewer left (now)': (forecast: CaseForecast) => forecast.deadlineAtRisk,
  'interval passes the deadline (before)': (forecast: CaseForecast, dueOn: IsoDate) => forecast.decision !== null && forecast.decision.to > dueOn,
};
// The working days left on the first morning each rule flagged the case.
type Watch = { missed: boolean; firstFlagged: Record<string, number> };
const watched = new Map<string, Watch>();
const replayFrom = forecastDays(cutoff);
const replayTo = replayFrom.dayOf(replayDays - 1);
for (let day = 0; day < replayDays; day++) {
  const morning = new Date(`${replayFrom.dayOf(day)}T04:00:00Z`);
  await db.raw('truncate applications, application_sources, audit_events, supplement_requests, deadlines, decisions, custodian_orders cascade');
  await writeCaseFile(db, generated.cases, morning);
  const daysThen = forecastDays(morning);
  const then = computeForecasts(learnFromHistory(await readHistory(db, daysThen), daysThen), await readOpenCases(db, morning), daysThen, history.rulebook);
  for (const { record, forecast } of then?.cases ?? []) {
    const dueOn = record.forecastCase.statutoryDueOn;
    const workingDaysLeft = dueOn === null ? -1 : daysThen.numberOf(dueOn);
    if (!dueOn || dueOn > replayTo || workingDaysLeft < leadWorkingDays || decidedAlready(record.forecastCase)) continue;
    const c = byId.get(record.id)!;
    const watch = watched.get(record.id) ?? { missed: !c.decision || c.decision.decidedAt > c.deadline!.dueAt, firstFlagged: {} };
    watched.set(record.id, watch);
    for (const [name, flags] of Object.entries(riskRules)) {
      if (watch.firstFlagged[name] === undefined && flags(forecast, dueOn)) watch.firstFlagged[name] = workingDaysLeft;
    }
  }
  if ((day + 1) % 10 === 0) progress(`deadline risk replayed to ${replayFrom.dayOf(day)}`);
}
const scored = [...watched.values()];
const missed = scored.filter((w) => w.missed);
console.log();
printTable(
  Object.keys(riskRules).map((name) => {
    const flagged = scored.filter((w) => w.firstFlagged[name] !== undefined);
    const caught = missed.filter((w) => w.firstFlagged[name] !== undefined);
    const leads = caught.map((w) => w.firstFlagged[name]!).sort((a, b) => a - b);
    return {
      rule: name,
      'cases scored': scored.length,
      'then missed': missed.length,
      flagged: flagged.length,
      'missed and flagged': caught.length,
      precision: `${round((100 * caught.length) / Math.max(1, flagged.length))}%`,
      recall: `${round((100 * caught.length) / Math.max(1, missed.length))}%`,
      'working days from flag to deadline (min, median)': leads.length ? `${leads[0]}, ${quantileSorted(leads, 0.5)}` : '-',
    };
  }),
);
console.log();
console.log(`backlog forecast per stage: ${JSON.stringify(forecasts.stages)}`);

mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/forecast.svg', plot(rows));
progress('plot written to bench/results/forecast.svg');

// Cost: the same case file `copies` times over, forecast and stored as the refresh does.
await db.raw('truncate applications, application_sources, audit_events, deadlines, decisions, custodian_orders, case_forecasts, backlog_forecasts cascade');
progress(`writing the case file ${copies} times over`);
await writeCaseFile(db, generated.cases, cutoff, copies);
// Learning from the past year happens once a day; each refresh reads the open cases, forecasts
// and stores.
const costs: Record<string, string | number>[] = [];
for (let attempt = 1; attempt <= 3; attempt++) {
  started = performance.now();
  const visits = await readHistory(db, days);
  const bigHistory = learnFromHistory(visits, days);
  const learnedAt = performance.now();
  const bigOpen = await readOpenCases(db, cutoff);
  const read = performance.now();
  const computed = computeForecasts(bigHistory, bigOpen, days, history.rulebook)!;
  const done = performance.now();
  await db.transaction((tx) => storeForecasts(tx, computed, new Date()));
  const stored = performance.now();
  costs.push({
    attempt,
    'open cases': bigOpen.length,
    'history visits': visits.length,
    'learn (once a day) ms': Math.round(learnedAt - started),
    'read open ms': Math.round(read - learnedAt),
    'forecast ms': Math.round(done - read),
    'store ms': Math.round(stored - done),
    'refresh ms (read, forecast, store)': Math.round(stored - learnedAt),
  });
  progress(`cost run ${attempt}: ${JSON.stringify(costs.at(-1))}`);
}
console.log();
printTable(costs);
await db.destroy();
