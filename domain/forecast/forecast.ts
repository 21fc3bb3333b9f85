// When each open case can expect its decision and its delivery: the live queues replayed
// forward, working day by working day, many times over (a Monte Carlo simulation).
//
// Each run starts from the queues as they stand. Every working day each work queue
// (completeness check, data-update check, legal assessment, decision, each custodian's orders)
// takes up as many cases as it finished on a day drawn from its last eight weeks (days when it
// had more cases than it finished), fewer in the summer holiday and at Christmas by as much as
// it slowed in them last time, and in each run off by a factor drawn with the spread its pace
// had from one eight weeks to the next. It takes them as caseworkers do: by statutory deadline,
// the checks by arrival, custodians by order. A case taken up leaves after its own handling
// time, drawn from how long cases of its kind took there after the cases ahead of them had
// gone. Where it goes next (a supplement request, another body, a refusal) is drawn from where
// cases of its type went. The applicant's and other bodies' time is drawn from theirs, given
// how long the case has already waited, and never past the applicant's last day. Under EHDS a
// case's delivery ends when the data are available to the user: after the last holder's
// delivery it waits in the caseworkers' queue for the user's access (userAccessQueue), drawn
// from how long that took, or, before any case has taken it, the whole period the rule
// user-access allows (2 months, Art. 68(7)). The median
// and the 10th and 90th percentiles of the runs' days are the expected date and its 80%
// interval.
import { probit, quantileSorted } from 'simple-statistics';
import { dayFor, valueIn, type RulebookId } from '../rulebook/rulebooks.ts';
import { longestClockWorkingDays, statutoryDueDay, warningWorkingDays } from '../rulebook/statutory-clock.ts';
import { durationKeys, nextKeys, queuedStages, queueOf, queueOrder, userAccessQueue, type CaseKind, type ForecastHistory } from './history.ts';
import { slowPeriodOf } from '../slow-periods.ts';
import { forecastStages, type ForecastStage, type Next } from './stage-visits.ts';
import type { WorkingDayNumbers } from '../working-day-numbers.ts';
import type { IsoDate } from '../working-days.ts';

export const forecastMethodVersion = 'queue-simulation-1';

export type OpenCase = {
  kind: CaseKind;
  // The rules the case follows (applications.rulebook): they set its statutory clock.
  rulebook: RulebookId;
  stage: ForecastStage;
  enteredOn: IsoDate;
  receivedOn: IsoDate;
  // The last day of the statutory deadline, once the clock runs.
  statutoryDueOn: IsoDate | null;
  // While the applicant is asked for a supplement: the last day to send it (after it the
  // application is rejected).
  applicantLastDay: IsoDate | null;
  // Who delivers: in delivery the custodians still to deliver and when each got its order;
  // before it, the custodians of the sources named (sentOn null).
  orders: { custodian: string; sentOn: IsoDate | null }[];
  // Under EHDS, in delivery once every holder has delivered: the day the last one did, from
  // which the user's access is due; null (or left out) otherwise.
  holdersDeliveredOn?: IsoDate | null;
};

export type DateRange = { median: IsoDate; from: IsoDate; to: IsoDate };

export type CaseForecast = {
  // Null once decided, or when no run reaches a decision (the case is likely rejected).
  decision: DateRange | null;
  // If granted: when the last custodian has delivered. Null when no run gets there.
  delivery: DateRange | null;
  // Share of the runs in which the decision comes after the statutory deadline (also one the
  // case will only get once its clock starts); null for a case already decided.
  breachProbability: number | null;
  // "Frist i fare": see deadlineAtRisk below.
  deadlineAtRisk: boolean;
};

export const simulationSettings = { runs: 80, seed: 1, horizonWorkingDays: 500 };

// A small seeded generator (mulberry32), so that the same queues give the same forecast.
export function randomSource(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Cases waiting their turn, earliest day first (the day that orders the queue: arrival,
// deadline or order), in the order they came within a day. The days are whole and few, so a
// list per day does what a heap would, in constant time.
class DayQueue {
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private lowest = 0;
  size = 0;
  constructor(
    private readonly firstDay: number,
    dayCount: number,
    // Shared by every queue: an item waits in one queue at a time.
    private readonly next: Int32Array,
  ) {
    this.head = new Int32Array(dayCount);
    this.tail = new Int32Array(dayCount);
    this.clear();
  }
  clear() {
    this.head.fill(-1);
    this.lowest = this.head.length;
    this.size = 0;
  }
  push(item: number, day: number) {
    const slot = Math.min(this.head.length - 1, Math.max(0, day - this.firstDay));
    this.next[item] = -1;
    if (this.head[slot] === -1) this.head[slot] = item;
    else this.next[this.tail[slot]!] = item;
    this.tail[slot] = item;
    if (slot < this.lowest) this.lowest = slot;
    this.size += 1;
  }
  pop(): number {
    while (this.head[this.lowest] === -1) this.lowest += 1;
    const item = this.head[this.lowest]!;
    this.head[this.lowest] = this.next[item]!;
    this.size -= 1;
    return item;
  }
}

// A work queue: the cases waiting their turn (by the queue's order) when its pace is known.
// The cases being handled are kept by the day they leave (see `leaving` in simulate).
type Queue = { index: number; waiting: DayQueue | null; pacePerDay: number[] | null; slowdown: number[]; paceSpread: number; paceChange: number };

// The narrowest group with enough visits; the widest there is when none has.
function samplesFor(history: ForecastHistory, source: Map<string, number[]>, keys: string[]): number[] {
  let widest: number[] = [];
  for (const key of keys) {
    const samples = source.get(key);
    if (samples && samples.length >= history.minimumSamples) return samples;
    if (samples && samples.length > 0) widest = samples;
  }
  return widest;
}

// Where a case goes after a stage: stage indexes (forecastStages), or the end of the case.
const closed = forecastStages.length;
const rejected = closed + 1;
const stageNumber = new Map<Next, number>([...forecastStages.map((stage, index) => [stage, index] as const), ['closed', closed], ['rejected', rejected]]);
const decidedStage = stageNumber.get('decided')!;
const deliveryStage = stageNumber.get('delivery')!;
const otherBodyStage = stageNumber.get('with-other-body')!;
const applicantStage = stageNumber.get('awaiting-applicant')!;
const assessmentStage = stageNumber.get('assessment')!;

type Choices = { to: number[]; cumulative: number[] };
const usualNext: Record<ForecastStage, Next> = {
  'completeness-check': 'assessment',
  'awaiting-applicant': 'completeness-check',
  'update-check': 'decided',
  assessment: 'decision',
  decision: 'decided',
  'with-other-body': 'closed',
  decided: 'delivery',
  delivery: 'closed',
};

function choicesFor(history: ForecastHistory, stage: ForecastStage, kind: CaseKind): Choices {
  let counts: Map<Next, number> | undefined;
  for (const key of nextKeys(stage, kind)) {
    const found = history.next.get(key);
    const total = found ? [...found.values()].reduce((a, b) => a + b, 0) : 0;
    if (found && (total >= history.minimumSamples || !counts)) counts = found;
    if (total >= history.minimumSamples) break;
  }
  if (!counts || counts.size === 0) return { to: [stageNumber.get(usualNext[stage])!], cumulative: [1] };
  const to = [...counts.keys()];
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  let running = 0;
  return { to: to.map((t) => stageNumber.get(t)!), cumulative: to.map((t) => (running += counts.get(t)! / total)) };
}

// How long an applicant has to complete an application, in working days: under the Norwegian
// rules the supplement and the reminder's period; under EHDS the completion window (4 weeks of
// 5 working days).
const applicantWorkingDays: Record<RulebookId, number> = {
  norwegian: valueIn('norwegian', 'supplement', 'working-days') + valueIn('norwegian', 'supplement-reminder', 'working-days'),
  ehds: valueIn('ehds', 'completion', 'weeks') * 5,
};

export type Simulation = {
  runs: number;
  horizon: number;
  caseCount: number;
  // Per run and case (run * caseCount + case), in working days from today; -1: never.
  decidedOn: Int32Array;
  deliveredOn: Int32Array;
  // The day the case leaves the stage it is in now, and the day it leaves the backlog.
  leftStageOn: Int32Array;
  doneOn: Int32Array;
  breached: Uint8Array;
  // Per case: whether a statutory deadline applies in any run.
  hadDeadline: Uint8Array;
};

export function simulate(cases: readonly OpenCase[], history: ForecastHistory, days: WorkingDayNumbers, settings = simulationSettings): Simulation {
  const n = cases.length;
  const { runs, horizonWorkingDays: horizon } = settings;
  const stageCount = forecastStages.length;
  // Items: the cases (0..n-1), then each case's custodian orders.
  const orderCase: number[] = [];
  const orderCustodian: string[] = [];
  const ordersOf: number[][] = cases.map((c, i) =>
    c.orders.map((order) => {
      orderCase.push(i);
      orderCustodian.push(order.custodian);
      return n + orderCase.length - 1;
    }),
  );
  // Under EHDS one more item per case: its wait for the user's access after the holders.
  const accessItemOf = cases.map((c, i) => {
    if (c.rulebook !== 'ehds') return -1;
    orderCase.push(i);
    orderCustodian.push(userAccessQueue);
    return n + orderCase.length - 1;
  });
  const items = n + orderCase.length;
  const waitingNext = new Int32Array(items);

  // The days that can order a queue: from the earliest arrival, deadline or order of an open
  // case to the latest deadline a case can get within the horizon.
  let firstDay = 0;
  for (const c of cases) {
    firstDay = Math.min(firstDay, days.numberOf(c.receivedOn));
    for (const o of c.orders) if (o.sentOn !== null) firstDay = Math.min(firstDay, days.numberOf(o.sentOn));
  }
  const dayCount = horizon + longestClockWorkingDays() + 2 - firstDay;
  const queues: Queue[] = [];
  const newQueue = (stage: ForecastStage, custodian?: string): Queue => {
    const name = queueOf(stage, custodian);
    const perDay = history.capacityPerDay.get(name) ?? null;
    // A queue whose pace could not be measured lately (it mostly finished all it had) holds
    // no case back: each takes its own handling time.
    const measured = queuedStages.has(stage) && perDay !== null && perDay.reduce((a, b) => a + b, 0) >= 3;
    const queue = {
      index: queues.length,
      waiting: measured ? new DayQueue(firstDay, dayCount, waitingNext) : null,
      pacePerDay: measured ? perDay : null,
      slowdown: history.slowdown.get(name) ?? [],
      paceSpread: history.paceSpread.get(name) ?? 0,
      paceChange: 1,
    };
    queues.push(queue);
    return queue;
  };
  // Worked in the order a case passes the stages, so a case can pass several in a day.
  const stageQueue = forecastStages.map((stage) => (stage === 'delivery' ? undefined : newQueue(stage)));
  const custodianQueue = new Map([...new Set(orderCustodian)].map((custodian) => [custodian, newQueue('delivery', custodian)]));
  const orderQueue = orderCustodian.map((custodian) => custodianQueue.get(custodian)!);
  const queueOfItem = (stage: number, item: number) => (item < n ? stageQueue[stage]! : orderQueue[item - n]!);

  const slowPeriodAhead = Array.from({ length: horizon + 1 }, (_, day) => slowPeriodOf(days.dayOf(day)));
  const entered = new Float64Array(n);
  const received = new Float64Array(n);
  const dueNow = new Float64Array(n);
  const applicantLast = new Float64Array(n);
  const holdersDelivered = new Float64Array(n);
  const startStage = new Int8Array(n);
  // The deadline of a case whose clock starts on `day`, by its rulebook's decision rule; the
  // same day and rule give the same date in every run.
  const dueDays = new Map<string, number>();
  const statutoryDue = (c: OpenCase, day: number) => {
    const key = `${c.rulebook}:${c.kind.linked}:${day}`;
    let due = dueDays.get(key);
    if (due === undefined) dueDays.set(key, (due = days.numberOf(statutoryDueDay(c.rulebook, c.kind.linked, days.dayOf(day)))));
    return due;
  };
  const orderSent = new Float64Array(orderCase.length);
  cases.forEach((c, i) => {
    entered[i] = days.numberOf(c.enteredOn);
    received[i] = days.numberOf(c.receivedOn);
    dueNow[i] = c.statutoryDueOn === null ? Number.NaN : days.numberOf(c.statutoryDueOn);
    applicantLast[i] = c.applicantLastDay === null ? Number.NaN : days.numberOf(c.applicantLastDay);
    holdersDelivered[i] = c.holdersDeliveredOn ? days.numberOf(c.holdersDeliveredOn) : Number.NaN;
    startStage[i] = stageNumber.get(c.stage)!;
    ordersOf[i]!.forEach((item, k) => (orderSent[item - n] = c.orders[k]!.sentOn === null ? Number.NaN : days.numberOf(c.orders[k]!.sentOn!)));
  });

  // Each case's handling times and next stages per stage, found once for all the runs.
  const byKey = new Map<string, number[] | Choices>();
  const once = <T extends number[] | Choices>(key: string, find: () => T): T => {
    let found = byKey.get(key) as T | undefined;
    if (!found) byKey.set(key, (found = find()));
    return found;
  };
  const handlingOf = new Array<number[] | undefined>(stageCount * items);
  const handling = (stage: number, item: number): number[] => {
    const slot = stage * items + item;
    const known = handlingOf[slot];
    if (known) return known;
    const keys = durationKeys(forecastStages[stage]!, cases[item < n ? item : orderCase[item - n]!]!.kind, item < n ? undefined : orderCustodian[item - n]);
    // Paced queues: the time after the cases ahead had gone; elsewhere the whole stay.
    const paced = queueOfItem(stage, item).waiting !== null;
    return (handlingOf[slot] = once(`${paced}:${keys[0]}`, () => samplesFor(history, paced ? history.durations : history.stays, keys)));
  };
  const choicesOf = new Array<Choices | undefined>(stageCount * n);
  const choices = (stage: number, i: number): Choices => {
    const slot = stage * n + i;
    const known = choicesOf[slot];
    if (known) return known;
    const kind = cases[i]!.kind;
    return (choicesOf[slot] = once(`n:${nextKeys(forecastStages[stage]!, kind)[0]}`, () => choicesFor(history, forecastStages[stage]!, kind)));
  };

  const result: Simulation = {
    runs,
    horizon,
    caseCount: n,
    decidedOn: new Int32Array(runs * n).fill(-1),
    deliveredOn: new Int32Array(runs * n).fill(-1),
    leftStageOn: new Int32Array(runs * n).fill(-1),
    doneOn: new Int32Array(runs * n).fill(-1),
    breached: new Uint8Array(runs * n),
    hadDeadline: new Uint8Array(n),
  };
  // The cases being handled, per queue and the day they leave: a list per (queue, day) linked
  // through `nextLeaving`; a day past the horizon is never reached.
  const leaving = new Int32Array(queues.length * (horizon + 2));
  const nextLeaving = new Int32Array(items);
  const stageOf = new Int8Array(n);
  const due = new Float64Array(n);
  const outstanding = new Int32Array(n);

  for (let run = 0; run < runs; run++) {
    const random = randomSource(settings.seed * 100_003 + run);
    const draw = (samples: number[]) => (samples.length === 0 ? 0 : samples[Math.floor(random() * samples.length)]!);
    // How much longer a case that has waited `waited` days on its own stays: drawn from the
    // visits that lasted at least as long.
    const drawGiven = (samples: number[], waited: number) => {
      let low = 0;
      let high = samples.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (samples[middle]! < waited) low = middle + 1;
        else high = middle;
      }
      return low === samples.length ? waited : samples[low + Math.floor(random() * (samples.length - low))]!;
    };
    leaving.fill(-1);
    // The day and the queue being worked: a case that comes back to a queue already worked
    // today (from the applicant to the completeness check) is handled there from tomorrow.
    let today = 0;
    let workingOn = -1;
    const handle = (queue: Queue, item: number, until: number) => {
      const earliest = queue.index < workingOn ? today + 1 : today;
      const slot = queue.index * (horizon + 2) + Math.min(horizon + 1, Math.max(earliest, until));
      nextLeaving[item] = leaving[slot]!;
      leaving[slot] = item;
    };
    // This run's pace: every queue's last eight weeks' pace, off by a factor drawn
    // (log-normal) with the spread its pace had from one eight weeks to the next. One draw for
    // all of them: a run where work goes slower goes slower everywhere, so no queue starves
    // the next one by chance.
    const paceDraw = probit(0.0005 + 0.999 * random());
    for (const queue of queues) {
      queue.waiting?.clear();
      queue.paceChange = Math.exp(queue.paceSpread * paceDraw);
    }
    const at = run * n;
    let open = n;

    // A case (or a custodian's order) comes to a stage: it waits its turn in a queue whose pace
    // is known, or else is handled from the start (`now`: the stage it is in today).
    const arrive = (item: number, stage: number, since: number, place: number, now: boolean) => {
      const queue = queueOfItem(stage, item);
      if (queue.waiting) return queue.waiting.push(item, place);
      const samples = handling(stage, item);
      let until = since + (now ? drawGiven(samples, -since) : draw(samples));
      // No case has waited for the user's access yet: the whole period the rule allows.
      if (samples.length === 0 && orderCustodian[item - n] === userAccessQueue) until = days.numberOf(dayFor('ehds', 'user-access', days.dayOf(since)));
      if (stage === applicantStage) {
        const i = item < n ? item : orderCase[item - n]!;
        const lastDay = now && !Number.isNaN(applicantLast[i]!) ? applicantLast[i]! : since + applicantWorkingDays[cases[i]!.rulebook];
        until = Math.min(until, lastDay + 1);
      }
      handle(queue, item, until);
    };

    const enter = (i: number, stage: number, day: number, now: boolean) => {
      stageOf[i] = stage;
      if (stage === deliveryStage) {
        const orders = ordersOf[i]!;
        outstanding[i] = orders.length;
        if (orders.length === 0) return afterHolders(i, day, now);
        for (const item of orders) {
          const sentBefore = orderSent[item - n]!;
          const sent = now && !Number.isNaN(sentBefore) ? sentBefore : day;
          arrive(item, deliveryStage, sent, sent, now);
        }
        return;
      }
      const since = now ? entered[i]! : day;
      if (stage === assessmentStage && Number.isNaN(due[i]!)) {
        due[i] = statutoryDue(cases[i]!, day);
        result.hadDeadline[i] = 1;
      }
      arrive(i, stage, since, queueOrder(forecastStages[stage]!, received[i]!, Number.isNaN(due[i]!) ? null : due[i]!, since), now);
    };

    function leave(i: number, day: number) {
      const k = at + i;
      if (result.leftStageOn[k] === -1) result.leftStageOn[k] = day;
      const stage = stageOf[i]!;
      const options = choices(stage, i);
      const roll = random();
      let pick = 0;
      while (pick < options.to.length - 1 && roll > options.cumulative[pick]!) pick += 1;
      const next = options.to[pick]!;
      if (next === decidedStage || (stage === otherBodyStage && next === closed)) {
        result.decidedOn[k] = day;
        // No deadline (NaN) is never passed.
        if (day > due[i]!) result.breached[k] = 1;
      }
      if (stage === deliveryStage) result.deliveredOn[k] = day;
      if (next === closed || next === rejected) {
        result.doneOn[k] = day;
        open -= 1;
        return;
      }
      enter(i, next, day, false);
    }

    // Every holder has delivered: under EHDS the case waits for the user's access (since the
    // day the last holder delivered, for a case waiting for it now), else it leaves delivery.
    function afterHolders(i: number, day: number, now: boolean) {
      const access = accessItemOf[i]!;
      if (access < 0) return leave(i, day);
      const since = now && !Number.isNaN(holdersDelivered[i]!) ? holdersDelivered[i]! : day;
      arrive(access, deliveryStage, since, since, now);
    }

    function done(item: number, day: number) {
      if (item < n) return leave(item, day);
      const i = orderCase[item - n]!;
      if (item === accessItemOf[i]) return leave(i, day);
      outstanding[i] = outstanding[i]! - 1;
      if (outstanding[i] === 0) afterHolders(i, day, false);
    }

    for (let i = 0; i < n; i++) {
      due[i] = dueNow[i]!;
      if (!Number.isNaN(due[i]!)) result.hadDeadline[i] = 1;
      enter(i, startStage[i]!, 0, true);
    }
    for (let day = 0; day <= horizon && open > 0; day++) {
      today = day;
      for (const queue of queues) {
        workingOn = queue.index;
        const { waiting } = queue;
        if (waiting && waiting.size > 0) {
          // Today's pace: a day drawn from the last eight weeks, slowed in a slow period.
          const perDay = queue.pacePerDay!;
          const period = slowPeriodAhead[day]!;
          const pace = perDay[Math.floor(random() * perDay.length)]! * queue.paceChange * (period < 0 ? 1 : (queue.slowdown[period] ?? 1));
          for (let taken = Math.floor(pace + random()); taken > 0 && waiting.size > 0; taken--) {
            const item = waiting.pop();
            handle(queue, item, day + draw(handling(item < n ? stageOf[item]! : deliveryStage, item)));
          }
        }
        // Cases can join today's list while it is worked (a handling time of 0 days).
        const slot = queue.index * (horizon + 2) + day;
        while (leaving[slot]! !== -1) {
          const item = leaving[slot]!;
          leaving[slot] = nextLeaving[item]!;
          done(item, day);
        }
      }
    }
  }
  return result;
}

const quantiles = [0.5, 0.1, 0.9] as const;

function dateRange(values: number[], days: WorkingDayNumbers): DateRange | null {
  if (values.length === 0) return null;
  const sorted = [...Float64Array.from(values).sort()];
  const [median, from, to] = quantiles.map((p) => days.dayOf(Math.round(quantileSorted(sorted, p))));
  return { median: median!, from: from!, to: to! };
}

// Each case's dates: the median and the 80% interval of the runs that reach them (a run that
// passes the horizon counts as reaching it on its last day).
export function caseForecasts(simulation: Simulation, cases: readonly OpenCase[], days: WorkingDayNumbers): CaseForecast[] {
  const { runs, caseCount: n, horizon } = simulation;
  return cases.map((c, i) => {
    const decisions: number[] = [];
    const deliveries: number[] = [];
    let breaches = 0;
    for (let run = 0; run < runs; run++) {
      const k = run * n + i;
      const unfinished = simulation.doneOn[k] === -1;
      const decided = simulation.decidedOn[k]!;
      if (decided >= 0) decisions.push(decided);
      else if (unfinished && !decidedAlready(c)) decisions.push(horizon + 1);
      const delivered = simulation.deliveredOn[k]!;
      if (delivered >= 0) deliveries.push(delivered);
      else if (unfinished) deliveries.push(horizon + 1);
      breaches += simulation.breached[k]!;
    }
    const decision = decidedAlready(c) ? null : dateRange(decisions, days);
    const delivery = dateRange(deliveries, days);
    const breachProbability = decidedAlready(c) || !simulation.hadDeadline[i] ? null : breaches / runs;
    return { decision, delivery, breachProbability, deadlineAtRisk: deadlineAtRisk(c, days) };
  });
}

// "Frist i fare", the list caseworkers work from (Tasklist's filter, process variable
// deadlineAtRisk): a case not yet decided whose statutory deadline is at most five working days
// ahead (the statutory warning's margin) and has not passed; a passed deadline is a breach to
// record, not a risk to warn of. Not the simulation's chance of a breach: replayed morning by
// morning over past cases (npm run bench:forecast, BENCHMARKS.md section 8), that chance could
// not tell weeks ahead which cases would be late when the queues are ordinary (of the cases it
// flagged, about one in seven at best), and where a backlog makes every case late the cases are
// still open five days before and flagged then; of the cases still undecided with five
// working days left, half missed their deadline on the default history (37.5% to all on
// four others), and none that missed was left out.
export function deadlineAtRisk(c: OpenCase, days: WorkingDayNumbers): boolean {
  if (c.statutoryDueOn === null || decidedAlready(c)) return false;
  const workingDaysLeft = days.numberOf(c.statutoryDueOn);
  return workingDaysLeft >= 0 && workingDaysLeft <= warningWorkingDays(c.rulebook);
}

export function decidedAlready(c: OpenCase): boolean {
  return c.stage === 'decided' || c.stage === 'delivery';
}

// When a group of the open cases is through (the median over the runs of the day its last case
// leaves the stage it is in now, or the backlog), and how many of them are expected to miss
// their statutory deadline (the sum of their chances). Null: not within the horizon.
export function groupForecast(simulation: Simulation, members: readonly number[], through: 'stage' | 'backlog', days: WorkingDayNumbers) {
  const { runs, caseCount: n, horizon } = simulation;
  const leftOn = through === 'stage' ? simulation.leftStageOn : simulation.doneOn;
  const lastOut: number[] = [];
  let breaches = 0;
  for (let run = 0; run < runs; run++) {
    let last = 0;
    for (const i of members) {
      const day = leftOn[run * n + i]!;
      last = Math.max(last, day === -1 ? horizon + 1 : day);
      breaches += simulation.breached[run * n + i]!;
    }
    lastOut.push(last);
  }
  lastOut.sort((a, b) => a - b);
  const median = members.length === 0 ? 0 : Math.round(quantileSorted(lastOut, 0.5));
  return { clearsOn: median > horizon ? null : days.dayOf(median), expectedBreaches: Math.round((breaches / runs) * 10) / 10 };
}
