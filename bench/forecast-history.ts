// Two years of synthetic case history with the timestamps of every stage, for the forecast's
// backtest: applications of every type naming one to four sources, as the growth bench's
// cases do, but lived day by day instead of inserted in fixed patterns.
// Caseworkers, approvers and each custodian work queues (by statutory deadline, the checks by
// arrival, custodians by order), each case taking its own handling time; applicants answer
// supplement requests or not, other bodies decide in their own time. Under EHDS an applicant
// has the 4 weeks of the rule completion and no reminder, and once every custodian has
// delivered a caseworker makes the data available to the user (user_access) within days, well
// inside the rule user-access's 2 months. On top: summer and
// Christmas (fewer applications, fewer people at work), a drop in HDS's staff and its
// recovery, and a burst of applications. The result is the case file (audit steps, deadlines,
// decisions, orders) as it stood at any moment, and what happened after it.
import { probit } from 'simple-statistics';
import { rules } from '../domain/deadlines.ts';
import { valueIn, type RulebookId } from '../domain/rulebook/rulebooks.ts';
import { statutoryClock } from '../domain/rulebook/statutory-clock.ts';
import { randomSource } from '../domain/forecast/forecast.ts';
import { registersByCustodian } from '../domain/registers.ts';
import { numberWorkingDays } from '../domain/working-day-numbers.ts';
import { addCalendarMonths, addWorkingDays, endOfOsloDay, type IsoDate } from '../domain/working-days.ts';

export type Step = { step: string; at: Date; detail?: Record<string, unknown> };
export type SyntheticOrder = { custodian: string; registerIds: string[]; sentAt: Date; dueAt: Date; deliveredAt: Date | null };
// Under EHDS: the last holder's delivery, and when the user got access.
export type SyntheticUserAccess = { deliveredAt: Date; dueAt: Date; givenAt: Date };
export type SyntheticCase = {
  id: string;
  reference: string;
  applicationType: string;
  registerIds: string[];
  linked: boolean;
  receivedAt: Date;
  rulebook: RulebookId;
  steps: Step[];
  // The statutory clock: its rule and period as the case file records them (deadlines).
  deadline: { rule: string; period: number; unit: string; startsOn: IsoDate; warnAt: Date; dueAt: Date } | null;
  decision: { decidedAt: Date; outcome: 'grant' | 'refusal'; body: string } | null;
  orders: SyntheticOrder[];
  userAccess: SyntheticUserAccess | null;
};

export type HistorySettings = {
  start: IsoDate;
  months: number;
  // Applications per working day on an ordinary day, and how many people each queue has
  // (scale both to make a larger service).
  scale: number;
  seed: number;
  // The rules every case follows (its statutory clock): the Norwegian rules, or EHDS.
  rulebook: RulebookId;
};

export const defaultHistory: HistorySettings = { start: '2024-01-01', months: 24, scale: 1, seed: 7, rulebook: 'norwegian' };

// A day some months on (a fraction of a month in days of an average month).
export function addMonths(day: IsoDate, months: number): IsoDate {
  const date = new Date(`${day}T00:00:00Z`);
  const whole = Math.floor(months);
  date.setUTCMonth(date.getUTCMonth() + whole);
  date.setUTCDate(date.getUTCDate() + Math.round((months - whole) * 30.44));
  return date.toISOString().slice(0, 10);
}

// Sources as the growth bench mixes them, with the custodians beyond FHI that make delivery
// differ: the drug registry (DMP), the archive (NHA), Statistics Norway, a hospital trust, and
// a quality register.
const sourcePool = ['NPR', 'MFR', 'KREFT', 'DAR', 'LMR', 'KPR', 'MSIS', 'HKR', 'SYSVAK', 'BIVIRK', 'HAR', 'SSB-BEFOLKNING', 'PASIENTJOURNAL', 'NDR'];
const sourceWeights = [16, 12, 12, 8, 8, 7, 4, 5, 3, 6, 3, 8, 5, 3];

// The applicant's window in working days, and the reminder's after it: the Norwegian rules' 10
// and 5; EHDS's 4 weeks (of 5 working days) and none.
const applicantWindow: Record<RulebookId, { window: number; reminder: number }> = {
  norwegian: { window: rules.supplementWorkingDays, reminder: rules.reminderWorkingDays },
  ehds: { window: valueIn('ehds', 'completion', 'weeks') * 5, reminder: 0 },
};

// Working days each kind of work takes one person, as a median; the spread is log-normal.
const work = {
  completeness: { median: 2, spread: 0.5 },
  updateCheck: { median: 2, spread: 0.5 },
  assessment: { new: 6, change: 4, 'anonymous-statistics': 2, 'data-update': 4 } as Record<string, number>,
  decision: { median: 1, spread: 0.4 },
};
// Custodians: people (cases prepared at once) and working days per order.
const custodianWork: Record<string, { people: number; median: number }> = {
  FHI: { people: 48, median: 25 },
  DMP: { people: 4, median: 15 },
  NHA: { people: 3, median: 20 },
  SSB: { people: 10, median: 30 },
  'HELSE-BERGEN': { people: 2, median: 15 },
  HELSEFORETAK: { people: 9, median: 40 },
};

export function generateHistory(settings: HistorySettings = defaultHistory) {
  const random = randomSource(settings.seed);
  const logNormal = (median: number, spread: number) => median * Math.exp(spread * probit(Math.min(0.9999, Math.max(0.0001, random()))));
  const workDays = (median: number, spread: number) => Math.max(1, Math.round(logNormal(median, spread)));
  const poisson = (mean: number) => {
    let k = 0;
    let p = Math.exp(-mean);
    let sum = p;
    const u = random();
    while (u > sum && k < 1000) {
      k += 1;
      p *= mean / k;
      sum += p;
    }
    return k;
  };
  // Ids from the seeded generator, so that a run can be repeated case by case.
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
  };
  const pick = <T>(items: readonly T[], weights: readonly number[]) => {
    const total = weights.reduce((a, b) => a + b, 0);
    let roll = random() * total;
    for (let i = 0; i < items.length; i++) if ((roll -= weights[i]!) < 0) return items[i]!;
    return items.at(-1)!;
  };

  const end = addMonths(settings.start, settings.months);
  // The simulation runs on past the two years until every case has ended, so the backtest
  // knows what became of the cases open at its cutoff.
  const days = numberWorkingDays(addMonths(settings.start, -3), addMonths(end, 18), settings.start);
  const lastArrival = days.numberOf(end);
  const lastDay = days.numberOf(addMonths(end, 18)) - 1;
  const monthOf = (day: IsoDate) => (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${settings.start}T00:00:00Z`)) / (30.44 * 86_400_000);
  const holidaySeason = (day: IsoDate) => day.slice(5, 7) === '07' || day.slice(5) >= '12-20' || day.slice(5) <= '01-03';
  // Share of people at work: fewer in July and at Christmas. HDS's legal team (assessment
  // and decision) loses half its staff in months 8 to 11, is back to strength by month 13 and
  // works overtime on the backlog until month 16.
  const atWork = (day: IsoDate, legal: boolean) => {
    let share = holidaySeason(day) ? 0.5 : 0.92;
    const month = monthOf(day);
    if (legal && month >= 8 && month < 11) share *= 0.5;
    if (legal && month >= 11 && month < 13) share *= 0.5 + 0.5 * ((month - 11) / 2);
    if (legal && month >= 13 && month < 16) share = Math.min(1, share * 1.12);
    return share;
  };
  const arrivalsOn = (day: IsoDate) => {
    const month = monthOf(day);
    let rate = 2.1 * settings.scale;
    if (day.slice(5, 7) === '07') rate *= 0.6;
    if (day.slice(5) >= '12-20' || day.slice(5) <= '01-03') rate *= 0.4;
    if (month >= 16 && month < 17) rate *= 2.5;
    return poisson(rate);
  };

  const cases: SyntheticCase[] = [];
  const stepsOnDay = new Map<number, number>();
  const instant = (day: number) => {
    const seq = stepsOnDay.get(day) ?? 0;
    stepsOnDay.set(day, seq + 1);
    return new Date(Date.parse(`${days.dayOf(day)}T08:00:00Z`) + seq * 1000);
  };
  let taskId = 0;
  const record = (c: SyntheticCase, step: string, day: number, detail?: Record<string, unknown>) => c.steps.push({ step, at: instant(day), detail });

  type Item = { c: SyntheticCase; priority: number; work: number; custodian?: string; order?: SyntheticOrder; supplements: number };
  type Queue = { people: number; legal: boolean; waiting: Item[]; busy: (Item | null)[] };
  const queue = (people: number, legal: boolean): Queue => ({ people, legal, waiting: [], busy: new Array(Math.round(people * settings.scale)).fill(null) });
  const completeness = queue(7, false);
  const updateCheck = queue(1, false);
  const assessment = queue(16, true);
  const decision = queue(3, true);
  const custodians = new Map(Object.entries(custodianWork).map(([id, w]) => [id, queue(w.people, false)]));
  // Applicants' and other bodies' answers, by the working day they come.
  const timed = new Map<number, (() => void)[]>();
  const at = (day: number, action: () => void) => timed.set(day, [...(timed.get(day) ?? []), action]);

  const typeOf = () => pick(['new', 'anonymous-statistics', 'change', 'data-update'], [55, 15, 15, 15]);
  const supplementShare: Record<string, number> = { new: 0.35, change: 0.3, 'anonymous-statistics': 0.15, 'data-update': 0.1 };

  const toCompleteness = (item: Item, day: number) => {
    item.work = workDays(work.completeness.median, work.completeness.spread);
    completeness.waiting.push(item);
  };
  const startClock = (item: Item, day: number) => {
    const c = item.c;
    const clock = statutoryClock(c.rulebook, { sourcesLinked: c.linked, publicHealthMandate: false }, endOfOsloDay(days.dayOf(day)));
    c.deadline = { rule: clock.rule.id, period: clock.rule.value, unit: clock.rule.unit, startsOn: clock.startsOn, warnAt: clock.warnAt, dueAt: clock.dueAt };
    record(c, `routed:${++taskId}`, day);
    record(c, 'statutory-clock-started', day, { rule: clock.rule.id, dueAt: c.deadline.dueAt });
    item.priority = c.deadline.dueAt.getTime();
    const base = work.assessment[c.applicationType] ?? 4;
    item.work = workDays(base * (1 + 0.25 * (c.registerIds.length - 1)) * (c.linked ? 1.3 : 1), 0.45);
    assessment.waiting.push(item);
  };
  const decide = (item: Item, day: number, body = 'HDS') => {
    const c = item.c;
    const outcome = random() < 0.1 ? 'refusal' : 'grant';
    c.decision = { decidedAt: instant(day), outcome, body };
    record(c, body === 'HDS' ? 'decided' : 'external-decision-recorded', day, { outcome });
    if (body !== 'HDS' || outcome === 'refusal') return record(c, 'closed', day);
    const held = registersByCustodian(c.registerIds, days.dayOf(day));
    record(c, 'orders-created', day, { custodians: [...held.keys()] });
    for (const [custodian, registerIds] of held) {
      const order: SyntheticOrder = { custodian, registerIds, sentAt: instant(day), dueAt: endOfOsloDay(addWorkingDays(days.dayOf(day), rules.deliveryWorkingDays)), deliveredAt: null };
      c.orders.push(order);
      record(c, `order-sent:${custodian}`, day);
      const w = custodianWork[custodian]!;
      custodians.get(custodian)!.waiting.push({ c, priority: order.sentAt.getTime(), work: workDays(w.median, 0.5), custodian, order, supplements: 0 });
    }
  };

  // What happens when a person finishes an item.
  const finished = new Map<Queue, (item: Item, day: number) => void>([
    [
      completeness,
      (item, day) => {
        const c = item.c;
        if (c.applicationType === 'data-update' && item.supplements === 0 && random() < 0.85) {
          record(c, `update-compared:${++taskId}`, day);
          item.work = workDays(work.updateCheck.median, work.updateCheck.spread);
          return updateCheck.waiting.push(item);
        }
        if (item.supplements < 2 && random() < supplementShare[c.applicationType]! / (1 + item.supplements)) {
          item.supplements += 1;
          const { window, reminder } = applicantWindow[c.rulebook];
          const dueAt = endOfOsloDay(addWorkingDays(days.dayOf(day), window));
          record(c, `supplement-requested:${++taskId}`, day, { dueAt });
          const roll = random();
          if (roll < 0.1) return at(day + window + reminder + 1, () => record(c, 'rejected', day + window + reminder + 1));
          // A quarter answer late: after the reminder, or under EHDS in the window's last days.
          const answer = roll < 0.75 ? Math.min(window, workDays(5, 0.6)) : reminder > 0 ? window + Math.min(reminder, workDays(3, 0.5)) : Math.max(1, window - Math.min(window - 1, workDays(3, 0.5)));
          return at(day + answer, () => {
            record(c, `supplement-received:${uuid()}`, day + answer);
            toCompleteness(item, day + answer);
          });
        }
        if (c.applicationType !== 'data-update' && random() < 0.08) {
          record(c, `routed:${++taskId}`, day);
          record(c, 'forwarded', day);
          const answer = workDays(45, 0.5);
          return at(day + answer, () => decide(item, day + answer, 'REK'));
        }
        startClock(item, day);
      },
    ],
    [
      updateCheck,
      (item, day) => {
        if (random() < 0.9) return decide(item, day);
        record(item.c, 'converted-to-change', day);
        item.c.applicationType = 'change';
        startClock(item, day);
      },
    ],
    [
      assessment,
      (item, day) => {
        record(item.c, `assessed:${++taskId}`, day);
        item.work = workDays(work.decision.median, work.decision.spread);
        item.priority = item.c.deadline!.dueAt.getTime();
        decision.waiting.push(item);
      },
    ],
    [decision, (item, day) => decide(item, day)],
  ]);
  for (const custodianQueue of custodians.values()) {
    finished.set(custodianQueue, (item, day) => {
      const c = item.c;
      item.order!.deliveredAt = instant(day);
      record(c, `order-delivered:${item.custodian}`, day);
      if (!c.orders.every((o) => o.deliveredAt)) return;
      if (c.rulebook !== 'ehds') return record(c, 'closed', day);
      const given = day + workDays(8, 0.6);
      c.userAccess = { deliveredAt: instant(day), dueAt: endOfOsloDay(addCalendarMonths(days.dayOf(day), 2)), givenAt: instant(given) };
      at(given, () => record(c, 'closed', given));
    });
  }
  const allQueues = [completeness, updateCheck, assessment, decision, ...custodians.values()];

  const arrive = (day: number, receivedAt: Date) => {
    const count = pick([1, 2, 3, 4], [40, 30, 20, 10]);
    const registerIds = new Set<string>();
    while (registerIds.size < count) registerIds.add(pick(sourcePool, sourceWeights));
    const applicationType = typeOf();
    const c: SyntheticCase = {
      id: uuid(),
      reference: `HDS-S-${String(cases.length + 1).padStart(6, '0')}`,
      applicationType,
      registerIds: [...registerIds],
      linked: registerIds.size > 1 && applicationType !== 'anonymous-statistics' && random() < 0.85,
      receivedAt,
      rulebook: settings.rulebook,
      steps: [],
      deadline: null,
      decision: null,
      orders: [],
      userAccess: null,
    };
    cases.push(c);
    c.steps.push({ step: 'received', at: receivedAt }, { step: 'registered', at: new Date(receivedAt.getTime() + 1000) });
    toCompleteness({ c, priority: receivedAt.getTime(), work: 0, supplements: 0 }, day);
  };

  // A backlog at the start, as HDS had at New Year 2022: the last two months' applications
  // still waiting for their completeness check.
  for (let k = 0; k < 140 * settings.scale; k++) {
    const day = -Math.floor(random() * 40) - 1;
    arrive(day, instant(day));
  }

  for (let day = 0; day <= lastDay; day++) {
    const calendarDay = days.dayOf(day);
    for (const action of timed.get(day) ?? []) action();
    timed.delete(day);
    if (day <= lastArrival) for (let k = arrivalsOn(calendarDay); k > 0; k--) arrive(day, instant(day));
    for (const q of allQueues) {
      q.waiting.sort((a, b) => a.priority - b.priority);
      const share = atWork(calendarDay, q.legal);
      for (let p = 0; p < q.busy.length; p++) {
        if (random() >= share) continue;
        if (!q.busy[p] && q.waiting.length > 0) q.busy[p] = q.waiting.shift()!;
        const item = q.busy[p];
        if (!item) continue;
        item.work -= 1;
        if (item.work > 0) continue;
        q.busy[p] = null;
        finished.get(q)!(item, day);
      }
    }
  }
  return { cases, days, end };
}

// The case file's statuses after each step, as the workers set them.
const statusAfter: Record<string, string> = {
  received: 'received',
  registered: 'registered',
  'supplement-requested': 'awaiting-supplement',
  rejected: 'rejected',
  'update-compared': 'checking-update',
  'statutory-clock-started': 'in-assessment',
  forwarded: 'forwarded',
  assessed: 'awaiting-decision',
  decided: 'decided',
  'orders-created': 'awaiting-delivery',
  'external-decision-recorded': 'closed',
  closed: 'closed',
};

// A case as the case file held it at `moment`: its status and when it was last set, and the
// steps up to then.
export function caseAt(c: SyntheticCase, moment: Date) {
  const steps = c.steps.filter((s) => s.at < moment);
  let status = 'received';
  let updatedAt = c.receivedAt;
  for (const s of steps) {
    const next = statusAfter[s.step.replace(/:.*$/, '')];
    if (next) {
      status = next;
      updatedAt = s.at;
    }
  }
  return { steps, status, updatedAt };
}
