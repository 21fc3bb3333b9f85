// The figures HDS publishes about its case handling: the backlog per stage and per register,
// processing times to decision and to delivery (median and 90th percentile, in days), the
// orders to custodians of every kind (and those delivered late), statutory deadline breaches,
// decisions published late, and the user's access to the data given late. Times and breaches can be limited to a period of days.
import type { Knex } from 'knex';
import { appealOpenSql, openStages, openStatuses, stageOf } from '../../domain/stages.ts';
import { readBacklogForecast } from '../forecast/store.ts';
import { rulebookIds, type RulebookId } from '../../domain/rulebook/rulebooks.ts';
import { permitStatistics } from './permits.ts';
import { deliveryKinds, orderKind, orderKinds, orderState, openStates, type OrderKind } from '../../domain/order/states.ts';

export type Period = { from?: string; to?: string };

type Durations = { cases: number; medianDays: number | null; p90Days: number | null };

// Days in Norway, where the figures are published; `column` is the event that falls in the period.
function periodCondition(column: string, period: Period): [string, string[]] {
  const from = period.from ? [`${column} >= (?::date)::timestamp at time zone 'Europe/Oslo'`] : [];
  const to = period.to ? [`${column} < (?::date + 1)::timestamp at time zone 'Europe/Oslo'`] : [];
  return [[...from, ...to].join(' and ') || 'true', [period.from, period.to].filter((day): day is string => Boolean(day))];
}

function inPeriod(q: Knex.QueryBuilder, column: string, period: Period) {
  return q.whereRaw(...periodCondition(column, period));
}

const percentiles = `count(*)::int as cases,
  percentile_cont(0.5) within group (order by days) as median,
  percentile_cont(0.9) within group (order by days) as p90`;

const rounded = (value: number | null) => (value == null ? null : Math.round(value * 10) / 10);

function durations(row: { cases: number; median: number | null; p90: number | null }): Durations {
  return { cases: row.cases, medianDays: rounded(row.median), p90Days: rounded(row.p90) };
}

// Open cases: those in an open stage, and closed ones whose appeal is not yet decided.
function openCases(q: Knex.QueryBuilder) {
  return q.where((w) => w.whereIn('a.status', openStatuses).orWhereRaw(appealOpenSql));
}

async function backlog(db: Knex) {
  const byStatus = await openCases(db('applications as a'))
    .groupByRaw('a.status, appeal_open')
    .select('a.status', db.raw(`${appealOpenSql} as appeal_open`))
    .count<{ status: string; appeal_open: boolean; count: string }[]>('* as count');
  const byStage: Record<string, number> = {};
  for (const row of byStatus) {
    const { code } = stageOf(row.status, row.appeal_open);
    byStage[code] = (byStage[code] ?? 0) + Number(row.count);
  }
  const byRegister = await openCases(db('application_sources as s').join('applications as a', 'a.id', 's.application_id'))
    .groupBy('s.register_id')
    .orderBy('s.register_id')
    .select('s.register_id as registerId')
    .count<{ registerId: string; count: string }[]>('* as count');
  return {
    open: Object.values(byStage).reduce((sum, n) => sum + n, 0),
    byStage,
    // Every open stage in case order, with its name, also when no case is in it.
    stages: openStages.map(({ code, name }) => ({ code, name, open: byStage[code] ?? 0 })),
    byRegister: Object.fromEntries(byRegister.map((row) => [row.registerId, Number(row.count)])),
  };
}

async function toDecision(db: Knex, period: Period): Promise<Durations> {
  const decided = inPeriod(
    db('decisions as d').join('applications as a', 'a.id', 'd.application_id').select(db.raw('extract(epoch from d.decided_at - a.received_at) / 86400 as days')),
    'd.decided_at',
    period,
  );
  const { rows } = await db.raw(`select ${percentiles} from (${decided.toQuery()}) t`);
  return durations(rows[0]);
}

// A case is delivered when its last custodian has delivered its data order (a permit's later
// orders are counted apart). Its last delivery falls in the period only if some delivery does,
// so for a period only those cases are grouped (by the index on delivered_at) instead of every
// case ever ordered.
async function toDelivery(db: Knex, period: Period): Promise<Durations> {
  const delivered = db('custodian_orders as o')
    .join('applications as a', 'a.id', 'o.application_id')
    .where('o.kind', orderKind.dataOrder)
    .modify((q) => {
      if (period.from || period.to) q.whereIn('o.application_id', inPeriod(db('custodian_orders').where('kind', orderKind.dataOrder).select('application_id'), 'delivered_at', period));
    })
    .groupBy('o.application_id', 'a.received_at')
    .havingRaw('count(*) = count(o.delivered_at)')
    .select(db.raw('max(o.delivered_at) as delivered_at'), 'a.received_at');
  const inRange = inPeriod(db.from(delivered.as('c')).select(db.raw('extract(epoch from c.delivered_at - c.received_at) / 86400 as days')), 'c.delivered_at', period);
  const { rows } = await db.raw(`select ${percentiles} from (${inRange.toQuery()}) t`);
  return durations(rows[0]);
}

type OrderCounts = { total: number; open: number; delivered: number; deliveredInPeriod: number; stopped: number; late: number; lateInPeriod: number };

// Orders to custodians per kind: all there are, those still waiting for their custodian, those
// delivered (in all and in the period), those stopped by a revocation, and those whose
// custodian let the deadline pass undelivered (recorded under EHDS, Art. 63(4); in all and in
// the period). Every kind is named, also with none.
async function orderFigures(db: Knex, period: Period): Promise<Record<OrderKind, OrderCounts>> {
  const [inPeriodSql, periodBindings] = periodCondition('delivered_at', period);
  const [lateInPeriodSql, lateBindings] = periodCondition('late_at', period);
  const rows = await db('custodian_orders')
    .groupBy('kind')
    .select(
      'kind',
      db.raw('count(*)::int as total'),
      db.raw(`count(*) filter (where kind = any(?) and state = any(?))::int as open`, [[...deliveryKinds], [...openStates]]),
      db.raw('count(*) filter (where state = ?)::int as delivered', [orderState.delivered]),
      db.raw(`count(*) filter (where state = ? and ${inPeriodSql})::int as "deliveredInPeriod"`, [orderState.delivered, ...periodBindings]),
      db.raw('count(*) filter (where state = ?)::int as stopped', [orderState.stopped]),
      db.raw('count(late_at)::int as late'),
      db.raw(`count(*) filter (where late_at is not null and ${lateInPeriodSql})::int as "lateInPeriod"`, lateBindings),
    );
  const none: OrderCounts = { total: 0, open: 0, delivered: 0, deliveredInPeriod: 0, stopped: 0, late: 0, lateInPeriod: 0 };
  const byKind = new Map(rows.map(({ kind, ...counts }: Record<string, any>) => [kind, counts]));
  return Object.fromEntries(orderKinds.map((kind) => [kind, byKind.get(kind) ?? none])) as Record<OrderKind, OrderCounts>;
}

// In all and per rulebook (each case's deadline is its own rulebook's: 30 or 60 working days
// under the Norwegian rules, 3 months under EHDS), every rulebook listed.
async function deadlineBreaches(db: Knex, period: Period) {
  const rows = await inPeriod(
    db('deadlines as dl').join('applications as a', 'a.id', 'dl.application_id').leftJoin('decisions as d', 'd.application_id', 'dl.application_id'),
    'dl.due_at',
    period,
  )
    .groupByRaw("coalesce(a.rulebook, 'norwegian')")
    .select(
      db.raw("coalesce(a.rulebook, 'norwegian') as rulebook"),
      db.raw('count(*)::int as "withStatutoryDeadline"'),
      db.raw('count(dl.breached_at)::int as breached'),
      db.raw('count(dl.breached_at) filter (where d.application_id is null)::int as "breachedAndUndecided"'),
    );
  type Counts = { withStatutoryDeadline: number; breached: number; breachedAndUndecided: number };
  const none: Counts = { withStatutoryDeadline: 0, breached: 0, breachedAndUndecided: 0 };
  const byRulebook = Object.fromEntries(rulebookIds.map((id) => {
    const { rulebook: _, ...counts } = (rows as (Counts & { rulebook: string })[]).find((r) => r.rulebook === id) ?? { ...none, rulebook: id };
    return [id, counts];
  })) as Record<RulebookId, Counts>;
  const total = (key: keyof Counts) => Object.values(byRulebook).reduce((sum, counts) => sum + counts[key], 0);
  return { withStatutoryDeadline: total('withStatutoryDeadline'), breached: total('breached'), breachedAndUndecided: total('breachedAndUndecided'), byRulebook };
}

// What fell due in the period (due_at) and when it was done (doneColumn): done in time, done
// late, past its due date and not done (overdue: late now, whether or not its timer has run),
// not yet due (pending), and those its timer found not done at the deadline (markedLate, late_at).
async function dueInPeriod(db: Knex, table: string, doneColumn: string, period: Period, where: Record<string, string> = {}) {
  const [condition, bindings] = periodCondition('due_at', period);
  const row = await db(table)
    .where(where)
    .whereRaw(condition, bindings)
    .first(
      db.raw(`count(*) filter (where ${doneColumn} <= due_at)::int as "inTime"`),
      db.raw(`count(*) filter (where ${doneColumn} > due_at)::int as "doneLate"`),
      db.raw(`count(*) filter (where ${doneColumn} is null and due_at < now())::int as "overdue"`),
      db.raw(`count(*) filter (where ${doneColumn} is null and due_at >= now())::int as "pending"`),
      db.raw('count(late_at)::int as "markedLate"'),
    );
  return row as { inTime: number; doneLate: number; overdue: number; pending: number; markedLate: number };
}

// The decisions due to be published in the period (30 working days after each, EHDS Art.
// 57(1)(j)); late: published late or overdue.
async function decisionPublications(db: Knex, period: Period) {
  const { inTime, doneLate, overdue, pending } = await dueInPeriod(db, 'decision_publications', 'published_at', period);
  return { publishedInTime: inTime, publishedLate: doneLate, overdue, pending, late: doneLate + overdue };
}

// EHDS cases whose user's access was due in the period (2 months after the holders' last
// delivery, Art. 68(7)); late: given late or overdue.
async function userAccess(db: Knex, period: Period) {
  const { inTime, doneLate, overdue, pending } = await dueInPeriod(db, 'user_access', 'given_at', period);
  return { givenInTime: inTime, givenLate: doneLate, overdue, pending, late: doneLate + overdue };
}

// Granted requests for anonymised statistics whose answer was due in the period (rule
// statistics-answer: EHDS a further 3 months from the decision, Art. 69(4); Norwegian rules
// HDS's own period), per rulebook; late: those the timer found not released at the deadline
// (late_at).
async function statisticsAnswers(db: Knex, period: Period) {
  const byRulebook = await Promise.all(rulebookIds.map(async (rulebook) => {
    const { inTime, doneLate, overdue, pending, markedLate } = await dueInPeriod(db, 'statistics_answers', 'released_at', period, { rulebook });
    return [rulebook, { releasedInTime: inTime, releasedLate: doneLate, overdue, pending, late: markedLate }] as const;
  }));
  return { byRulebook: Object.fromEntries(byRulebook) };
}

export async function caseStatistics(db: Knex, period: Period) {
  const [open, decision, delivery, breaches, orders, publications, access, answers] = await Promise.all([
    backlog(db),
    toDecision(db, period),
    toDelivery(db, period),
    deadlineBreaches(db, period),
    orderFigures(db, period),
    decisionPublications(db, period),
    userAccess(db, period),
    statisticsAnswers(db, period),
  ]);
  return {
    period: { from: period.from ?? null, to: period.to ?? null },
    backlog: open,
    processingTimes: { toDecision: decision, toDelivery: delivery },
    deadlineBreaches: breaches,
    decisionPublications: publications,
    userAccess: access,
    statisticsAnswers: answers,
    orders,
    permits: await permitStatistics(db),
    backlogForecast: await readBacklogForecast(db),
  };
}

export type Figures<T> = { figures: T; computedAt: Date };

// The figures are published, not watched by the second, and computing them reads every open
// case and every case decided or delivered in the period. So an answer serves every request
// for the same period for maxAgeMs; after that the old answer is still served while one new
// computation runs, and only the first request for a period waits for the database. Figures
// twice maxAgeMs old (the first request after an idle spell) are too old to serve: that request
// waits for the new ones. A failed computation is not kept: the next request tries again.
// maxAgeMs 0 computes every time.
export function cachedFigures<T>(
  compute: (period: Period) => Promise<T>,
  maxAgeMs: number,
  { maxPeriods = 100, now = () => Date.now(), onError = (_error: unknown) => {} } = {},
) {
  type Entry = { first: Promise<Figures<T>>; latest?: Figures<T>; refresh?: Promise<Figures<T>> };
  const entries = new Map<string, Entry>();
  const run = async (period: Period): Promise<Figures<T>> => {
    const computedAt = new Date(now());
    return { figures: await compute(period), computedAt };
  };

  return async function figures(period: Period): Promise<Figures<T>> {
    if (maxAgeMs <= 0) return run(period);
    const key = `${period.from ?? ''}/${period.to ?? ''}`;
    const entry = entries.get(key);
    if (!entry) {
      if (entries.size >= maxPeriods) entries.delete(entries.keys().next().value!);
      const added: Entry = { first: run(period) };
      entries.set(key, added);
      added.first.then(
        (result) => (added.latest = result),
        () => entries.get(key) === added && entries.delete(key),
      );
      return added.first;
    }
    if (!entry.latest) return entry.first;
    const ageMs = now() - entry.latest.computedAt.getTime();
    if (ageMs < maxAgeMs) return entry.latest;
    // One new computation at a time, shared by the requests that wait for it.
    if (!entry.refresh) {
      const refresh = run(period);
      entry.refresh = refresh;
      refresh
        .then((result) => (entry.latest = result), onError)
        .finally(() => (entry.refresh = undefined));
    }
    return ageMs < 2 * maxAgeMs ? entry.latest : entry.refresh;
  };
}
