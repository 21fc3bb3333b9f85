// What the forecast learns from the case file's history: how long each kind of case took in
// each stage (in a queue: after the cases ahead of it had gone), where cases went after each
// stage, how many cases each queue finished on each of the last working days, and how much
// each queue slows in the summer holiday and at Christmas.
import { medianAbsoluteDeviation } from 'simple-statistics';
import { slowPeriodOf, slowPeriods } from '../slow-periods.ts';
import type { ForecastStage, Next } from './stage-visits.ts';
import type { WorkingDayNumbers } from '../working-day-numbers.ts';
import type { IsoDate } from '../working-days.ts';

// What sets a case's pace apart: its type, how many sources it names, whether they are linked
// (and, in delivery, which custodian delivers).
export type CaseKind = { applicationType: string; sourceCount: number; linked: boolean };

// Stages whose cases wait their turn: the caseworkers', approvers' and each custodian's work
// queue. In the other stages each case waits on its own (the applicant, another body).
export const queuedStages: ReadonlySet<ForecastStage> = new Set<ForecastStage>(['completeness-check', 'update-check', 'assessment', 'decision', 'delivery']);

// Under EHDS the body makes the data available to the user after the holders' delivery
// (Art. 68(7)): the caseworkers' work of it is learned and simulated as a queue of its own in
// delivery, named like a custodian's.
export const userAccessQueue = 'user-access';

// Each custodian works its own queue of orders.
export function queueOf(stage: ForecastStage, custodian?: string): string {
  return stage === 'delivery' ? `delivery:${custodian}` : stage;
}

// What orders a queue, as caseworkers take work: the checks by arrival, assessment and
// decision by statutory deadline, custodians by order (their entry).
export function queueOrder<T>(stage: ForecastStage, received: T, due: T | null, entered: T): T {
  if (stage === 'completeness-check' || stage === 'update-check') return received;
  if (stage === 'assessment' || stage === 'decision') return due ?? received;
  return entered;
}

const sourceBand = (count: number) => (count >= 3 ? '3+' : String(count));

// The groups a visit's time counts in, from the narrowest to the widest: a forecast takes the
// narrowest that has enough cases.
export function durationKeys(stage: ForecastStage, kind: CaseKind, custodian?: string): string[] {
  // The user's access is no custodian's delivery: it learns from its own visits only.
  if (stage === 'delivery' && custodian === userAccessQueue) return [`delivery|${custodian}`];
  if (stage === 'delivery') return [`delivery|${custodian}`, 'delivery'];
  return [`${stage}|${kind.applicationType}|${sourceBand(kind.sourceCount)}|${kind.linked}`, `${stage}|${kind.applicationType}`, stage];
}

export function nextKeys(stage: ForecastStage, kind: CaseKind): string[] {
  return [`${stage}|${kind.applicationType}`, stage];
}

// A visit to a stage; queuedBy is the day that placed it in its queue's order (arrival for
// the checks, the statutory deadline for assessment and decision, the order for custodians).
export type HistoricVisit = { stage: ForecastStage; custodian?: string; kind: CaseKind; enteredOn: IsoDate; leftOn: IsoDate | null; next: Next | null; queuedBy: IsoDate };

export type ForecastHistory = {
  // Working days in the stage, sorted, per duration key.
  stays: Map<string, number[]>;
  // In a work queue, the working days after the cases ahead had gone, sorted, per key.
  durations: Map<string, number[]>;
  // How many visits went on to each next stage, per next key.
  next: Map<string, Map<Next, number>>;
  // Per queue: the cases it finished on each of the last working days, oldest first.
  finishedPerDay: Map<string, number[]>;
  // Per queue: what it finished on those of the last working days when it had more cases than
  // it finished (its pace when work, not cases, was short). Empty when it had few such days: a
  // queue that mostly finished all it had does not hold cases back.
  capacityPerDay: Map<string, number[]>;
  // Per queue and slow period (domain/slow-periods.json): its pace in the period last time,
  // as a share of its pace in the weeks before (1: as fast; no such period in the history: 1).
  slowdown: Map<string, number[]>;
  // Per queue: how much its pace changes from one eight weeks to the next (outside the slow
  // periods), as the spread of the logarithm of the later pace over the earlier: how far the
  // last eight weeks' pace may be off for the time ahead.
  paceSpread: Map<string, number>;
  // Decisions in the history; too few and no forecast is made.
  decisions: number;
  minimumSamples: number;
};

const historySettings = {
  // The days whose finished cases measure a queue's pace now (eight weeks).
  recentWorkingDays: 40,
  // The fewest visits a group needs before a forecast uses it instead of a wider one.
  minimumSamples: 10,
  // The fewest cases a queue must have finished in the weeks before a slow period to measure
  // its slowdown.
  minimumForSlowdown: 10,
  // The fewest days of the last eight weeks on which a queue had more cases than it finished,
  // for its pace to limit the cases in it.
  minimumFullDays: 10,
  // The largest spread of a queue's pace taken from its history (a factor of 1.65 either way at
  // one standard deviation): a queue that finished few cases varies more by chance than by
  // its pace.
  maxPaceSpread: 0.5,
};

// For each visit to a queue, the day the cases ahead of it (in the queue's order, there when
// it came) had all left: from then on its own handling decided when it left. A prefix maximum
// over the queue's order (a Fenwick tree), filled in order of arrival.
function aheadGoneOn(visits: readonly { entered: number; left: number; order: number }[]): number[] {
  const orders = [...new Set(visits.map((v) => v.order))].sort((a, b) => a - b);
  const rank = new Map(orders.map((order, i) => [order, i + 1]));
  const tree = new Array<number>(orders.length + 1).fill(Number.NEGATIVE_INFINITY);
  const gone = new Array<number>(visits.length);
  const byArrival = visits.map((v, i) => i).sort((a, b) => visits[a]!.entered - visits[b]!.entered || visits[a]!.order - visits[b]!.order);
  for (const i of byArrival) {
    const v = visits[i]!;
    const r = rank.get(v.order)!;
    let latest = Number.NEGATIVE_INFINITY;
    for (let k = r - 1; k > 0; k -= k & -k) latest = Math.max(latest, tree[k]!);
    gone[i] = latest;
    for (let k = r; k <= orders.length; k += k & -k) tree[k] = Math.max(tree[k]!, v.left);
  }
  return gone;
}

// Adds a value to the list of its key.
export function addToGroup<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// Learns from the visits that ended in the span `days` numbers, up to the day before its day 0
// (today). Open visits count only in the queues they stand in.
export function learnFromHistory(visits: readonly HistoricVisit[], days: WorkingDayNumbers, settings = historySettings): ForecastHistory {
  const numbered = visits.map((visit) => ({
    visit,
    entered: days.numberOf(visit.enteredOn),
    left: visit.leftOn === null ? Number.POSITIVE_INFINITY : days.numberOf(visit.leftOn),
    order: days.numberOf(visit.queuedBy),
  }));
  const ended = (v: (typeof numbered)[number]) => v.visit.leftOn !== null && v.visit.leftOn >= days.first && v.left < 0;

  // The history's working days before today.
  const span = -days.numberOf(days.first);

  const byQueue = new Map<string, typeof numbered>();
  for (const v of numbered) addToGroup(byQueue, queueOf(v.visit.stage, v.visit.custodian), v);

  const stays = new Map<string, number[]>();
  const durations = new Map<string, number[]>();
  const finishedPerDay = new Map<string, number[]>();
  const slowdown = new Map<string, number[]>();
  const paceSpread = new Map<string, number>();
  const capacityPerDay = new Map<string, number[]>();
  for (const [queue, queueVisits] of byQueue) {
    const stage = queueVisits[0]!.visit.stage;
    const queued = queuedStages.has(stage);
    // In a queue, a case's own time is what it took after the cases ahead of it had gone;
    // the wait for them is the queue's pace's to tell. A case ahead still open leaves it
    // unknown.
    const gone = queued ? aheadGoneOn(queueVisits) : [];
    const finished = new Array<number>(span).fill(0);
    queueVisits.forEach((v, i) => {
      if (!ended(v)) return;
      finished[v.left + span]! += 1;
      const keys = durationKeys(stage, v.visit.kind, v.visit.custodian);
      for (const key of keys) addToGroup(stays, key, Math.max(0, v.left - v.entered));
      const from = Math.max(v.entered, gone[i] ?? Number.NEGATIVE_INFINITY);
      if (queued && from !== Number.POSITIVE_INFINITY) for (const key of keys) addToGroup(durations, key, Math.max(0, v.left - from));
    });
    const recent = finished.slice(-settings.recentWorkingDays);
    finishedPerDay.set(queue, recent);
    if (!queued) continue;
    // Its pace is measured on the days it had more cases than it finished: on the others it
    // finished what it had, and could have done more.
    const full = fullDays(queueVisits, finished);
    const recentFull = recent.filter((_, day) => full[span - recent.length + day]);
    capacityPerDay.set(queue, recentFull.length >= settings.minimumFullDays ? atLeastYearly(recentFull, finished, stage) : []);
    const pace = { finished, full, periodOf: finished.map((_, i) => slowPeriodOf(days.dayOf(i - span))) };
    slowdown.set(queue, measureSlowdown(pace, settings));
    paceSpread.set(queue, measurePaceSpread(pace, settings));
  }
  for (const samples of [...stays.values(), ...durations.values()]) samples.sort((a, b) => a - b);

  const next = new Map<string, Map<Next, number>>();
  let decisions = 0;
  for (const v of numbered) {
    const to = v.visit.next;
    if (!ended(v) || to === null || v.visit.stage === 'delivery') continue;
    if (to === 'decided' || (v.visit.stage === 'with-other-body' && to === 'closed')) decisions += 1;
    for (const key of nextKeys(v.visit.stage, v.visit.kind)) {
      const counts = next.get(key) ?? new Map<Next, number>();
      counts.set(to, (counts.get(to) ?? 0) + 1);
      next.set(key, counts);
    }
  }
  return { stays, durations, next, finishedPerDay, capacityPerDay, slowdown, paceSpread, decisions, minimumSamples: settings.minimumSamples };
}

// Whether the queue had more cases at the start of each day (of `finished`, whose last day
// is yesterday) than it finished that day.
function fullDays(visits: readonly { entered: number; left: number }[], finished: number[]): boolean[] {
  const from = -finished.length;
  const change = new Array<number>(finished.length + 1).fill(0);
  for (const v of visits) {
    const first = Math.max(v.entered + 1, from);
    const last = Math.min(v.left, -1);
    if (first > last) continue;
    change[first - from]! += 1;
    change[last - from + 1]! -= 1;
  }
  let present = 0;
  return finished.map((count, day) => (present += change[day]!) > count);
}

// A custodian works many orders at once and HDS sees only when each goes and comes back: a
// few quiet weeks there say little of its pace. Its recent pace is taken to be at least its
// pace over the history's span; HDS's own queues keep their recent pace (a team short of
// people now is slower now).
function atLeastYearly(recent: number[], finished: number[], stage: ForecastStage): number[] {
  if (stage !== 'delivery') return recent;
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const ratio = mean(finished) / Math.max(mean(recent), 1e-9);
  return ratio > 1 ? recent.map((count) => count * ratio) : recent;
}

// A queue's days: cases finished, whether it was full, and the slow period (or -1).
type PaceHistory = { finished: number[]; full: boolean[]; periodOf: number[] };

// Mean cases finished per day over days from..to-1 that pass the filter, and how many there were.
function meanPace({ finished }: PaceHistory, from: number, to: number, counts: (day: number) => boolean) {
  let days = 0;
  let sum = 0;
  for (let day = Math.max(0, from); day < to; day++) {
    if (!counts(day)) continue;
    days += 1;
    sum += finished[day]!;
  }
  return { days, sum, perDay: days === 0 ? 0 : sum / days };
}

// How much the pace of eight weeks differs from the eight weeks before (a week apart, on the
// full days outside the slow periods): the median absolute deviation of the logarithm of the
// ratio, scaled to a standard deviation. The median keeps a rare upheaval (a team losing half
// its people) from setting the spread of every forecast.
function measurePaceSpread(pace: PaceHistory, settings: typeof historySettings): number {
  const window = settings.recentWorkingDays;
  const counts = (day: number) => pace.full[day]! && pace.periodOf[day]! < 0;
  const changes: number[] = [];
  for (let start = window; start + window <= pace.finished.length; start += 5) {
    const before = meanPace(pace, start - window, start, counts);
    const after = meanPace(pace, start, start + window, counts);
    if (before.days < settings.minimumFullDays || after.days < settings.minimumFullDays || before.sum === 0 || after.sum === 0) continue;
    changes.push(Math.log(after.perDay / before.perDay));
  }
  if (changes.length < 5) return 0;
  // A ratio of two counts varies by chance twice, a forecast's pace (measured once, then
  // drawn day by day) once: less one count's chance variance (about 1 / count for the
  // logarithm of a Poisson count), and at most maxPaceSpread.
  const count = meanPace(pace, pace.finished.length - window, pace.finished.length, counts).sum;
  const spread = 1.4826 * medianAbsoluteDeviation(changes);
  return Math.min(settings.maxPaceSpread, Math.sqrt(Math.max(0, spread * spread - 1 / Math.max(1, count))));
}

// Each slow period's pace as a share of the pace in the weeks before it, over the times it
// falls in the history: on full days when there were enough of them (the queue's pace, not
// the cases it got), else on all days.
function measureSlowdown(pace: PaceHistory, settings: typeof historySettings): number[] {
  const { finished, periodOf } = pace;
  const span = finished.length;
  return slowPeriods.map((_, period) => {
    let inPeriod = 0;
    let expected = 0;
    for (let start = 0; start < span; start++) {
      if (periodOf[start] !== period || (start > 0 && periodOf[start - 1] === period)) continue;
      let end = start;
      while (end < span && periodOf[end] === period) end += 1;
      if (start < settings.recentWorkingDays) continue;
      const fullDuring = meanPace(pace, start, end, (day) => pace.full[day]!);
      const fullBefore = meanPace(pace, start - settings.recentWorkingDays, start, (day) => pace.full[day]! && periodOf[day]! < 0);
      const useFull = fullDuring.days >= settings.minimumFullDays / 2 && fullBefore.days >= settings.minimumFullDays;
      const during = useFull ? fullDuring : meanPace(pace, start, end, () => true);
      const before = useFull ? fullBefore : meanPace(pace, start - settings.recentWorkingDays, start, (day) => periodOf[day]! < 0);
      if (before.sum < settings.minimumForSlowdown) continue;
      inPeriod += during.perDay * (end - start);
      expected += before.perDay * (end - start);
    }
    return expected === 0 ? 1 : Math.min(1.5, Math.max(0.2, inPeriod / expected));
  });
}
