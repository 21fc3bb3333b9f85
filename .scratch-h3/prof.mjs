// .scratch-h3/prof.ts
import knex from "knex";

// domain/forecast-history.ts
import { medianAbsoluteDeviation } from "simple-statistics";

// domain/slow-periods.ts
import { readFileSync } from "node:fs";
var slowPeriods = JSON.parse(readFileSync(new URL("./slow-periods.json", import.meta.url), "utf8")).periods;
function slowPeriodOf(day) {
  const monthDay = day.slice(5);
  return slowPeriods.findIndex((p) => p.from <= p.to ? p.from <= monthDay && monthDay <= p.to : monthDay >= p.from || monthDay <= p.to);
}

// domain/forecast-history.ts
var queuedStages = /* @__PURE__ */ new Set(["completeness-check", "update-check", "assessment", "decision", "delivery"]);
function queueOf(stage, custodian) {
  return stage === "delivery" ? `delivery:${custodian}` : stage;
}
function queueOrder(stage, received, due, entered) {
  if (stage === "completeness-check" || stage === "update-check") return received;
  if (stage === "assessment" || stage === "decision") return due ?? received;
  return entered;
}
var sourceBand = (count) => count >= 3 ? "3+" : String(count);
function durationKeys(stage, kind, custodian) {
  if (stage === "delivery") return [`delivery|${custodian}`, "delivery"];
  return [`${stage}|${kind.applicationType}|${sourceBand(kind.sourceCount)}|${kind.linked}`, `${stage}|${kind.applicationType}`, stage];
}
function nextKeys(stage, kind) {
  return [`${stage}|${kind.applicationType}`, stage];
}
var historySettings = {
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
  maxPaceSpread: 0.5
};
function aheadGoneOn(visits) {
  const orders = [...new Set(visits.map((v) => v.order))].sort((a, b) => a - b);
  const rank = new Map(orders.map((order, i) => [order, i + 1]));
  const tree = new Array(orders.length + 1).fill(Number.NEGATIVE_INFINITY);
  const gone = new Array(visits.length);
  const byArrival = visits.map((v, i) => i).sort((a, b) => visits[a].entered - visits[b].entered || visits[a].order - visits[b].order);
  for (const i of byArrival) {
    const v = visits[i];
    const r = rank.get(v.order);
    let latest = Number.NEGATIVE_INFINITY;
    for (let k = r - 1; k > 0; k -= k & -k) latest = Math.max(latest, tree[k]);
    gone[i] = latest;
    for (let k = r; k <= orders.length; k += k & -k) tree[k] = Math.max(tree[k], v.left);
  }
  return gone;
}
function add(map, key, value) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
function learnFromHistory(visits, days2, settings = historySettings) {
  const numbered = visits.map((visit) => ({
    visit,
    entered: days2.numberOf(visit.enteredOn),
    left: visit.leftOn === null ? Number.POSITIVE_INFINITY : days2.numberOf(visit.leftOn),
    order: days2.numberOf(visit.queuedBy)
  }));
  const ended = (v) => v.visit.leftOn !== null && v.visit.leftOn >= days2.first && v.left < 0;
  const byQueue = /* @__PURE__ */ new Map();
  for (const v of numbered) add(byQueue, queueOf(v.visit.stage, v.visit.custodian), v);
  const stays = /* @__PURE__ */ new Map();
  const durations = /* @__PURE__ */ new Map();
  const finishedPerDay = /* @__PURE__ */ new Map();
  const slowdown = /* @__PURE__ */ new Map();
  const paceSpread = /* @__PURE__ */ new Map();
  const capacityPerDay = /* @__PURE__ */ new Map();
  for (const [queue, queueVisits] of byQueue) {
    const stage = queueVisits[0].visit.stage;
    const queued = queuedStages.has(stage);
    const gone = queued ? aheadGoneOn(queueVisits) : [];
    const endedHere = queueVisits.filter(ended);
    queueVisits.forEach((v, i) => {
      if (!ended(v)) return;
      const keys = durationKeys(stage, v.visit.kind, v.visit.custodian);
      for (const key of keys) add(stays, key, Math.max(0, v.left - v.entered));
      const from = Math.max(v.entered, gone[i] ?? Number.NEGATIVE_INFINITY);
      if (queued && from !== Number.POSITIVE_INFINITY) for (const key of keys) add(durations, key, Math.max(0, v.left - from));
    });
    const span = -days2.numberOf(days2.first);
    const finished = new Array(span).fill(0);
    for (const v of endedHere) finished[v.left + span] += 1;
    finishedPerDay.set(queue, finished.slice(-settings.recentWorkingDays));
    if (!queued) continue;
    const full = fullDays(queueVisits, finished);
    const recent = finished.slice(-settings.recentWorkingDays);
    const recentFull = recent.filter((_, day) => full[span - recent.length + day]);
    capacityPerDay.set(queue, recentFull.length >= settings.minimumFullDays ? atLeastYearly(recentFull, finished, stage) : []);
    const pace = { finished, full, periodOf: finished.map((_, i) => slowPeriodOf(days2.dayOf(i - span))) };
    slowdown.set(queue, measureSlowdown(pace, settings));
    paceSpread.set(queue, measurePaceSpread(pace, settings));
  }
  for (const samples of [...stays.values(), ...durations.values()]) samples.sort((a, b) => a - b);
  const next = /* @__PURE__ */ new Map();
  let decisions = 0;
  for (const v of numbered) {
    const to = v.visit.next;
    if (!ended(v) || to === null || v.visit.stage === "delivery") continue;
    if (to === "decided" || v.visit.stage === "with-other-body" && to === "closed") decisions += 1;
    for (const key of nextKeys(v.visit.stage, v.visit.kind)) {
      const counts = next.get(key) ?? /* @__PURE__ */ new Map();
      counts.set(to, (counts.get(to) ?? 0) + 1);
      next.set(key, counts);
    }
  }
  return { stays, durations, next, finishedPerDay, capacityPerDay, slowdown, paceSpread, decisions, minimumSamples: settings.minimumSamples };
}
function fullDays(visits, finished) {
  const from = -finished.length;
  const change = new Array(finished.length + 1).fill(0);
  for (const v of visits) {
    const first = Math.max(v.entered + 1, from);
    const last = Math.min(v.left, -1);
    if (first > last) continue;
    change[first - from] += 1;
    change[last - from + 1] -= 1;
  }
  let present = 0;
  return finished.map((count, day) => (present += change[day]) > count);
}
function atLeastYearly(recent, finished, stage) {
  if (stage !== "delivery") return recent;
  const mean = (values) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const ratio = mean(finished) / Math.max(mean(recent), 1e-9);
  return ratio > 1 ? recent.map((count) => count * ratio) : recent;
}
function meanPace({ finished }, from, to, counts) {
  let days2 = 0;
  let sum = 0;
  for (let day = Math.max(0, from); day < to; day++) {
    if (!counts(day)) continue;
    days2 += 1;
    sum += finished[day];
  }
  return { days: days2, sum, perDay: days2 === 0 ? 0 : sum / days2 };
}
function measurePaceSpread(pace, settings) {
  const window = settings.recentWorkingDays;
  const counts = (day) => pace.full[day] && pace.periodOf[day] < 0;
  const changes = [];
  for (let start = window; start + window <= pace.finished.length; start += 5) {
    const before = meanPace(pace, start - window, start, counts);
    const after = meanPace(pace, start, start + window, counts);
    if (before.days < settings.minimumFullDays || after.days < settings.minimumFullDays || before.sum === 0 || after.sum === 0) continue;
    changes.push(Math.log(after.perDay / before.perDay));
  }
  if (changes.length < 5) return 0;
  const count = meanPace(pace, pace.finished.length - window, pace.finished.length, counts).sum;
  const spread = 1.4826 * medianAbsoluteDeviation(changes);
  return Math.min(settings.maxPaceSpread, Math.sqrt(Math.max(0, spread * spread - 1 / Math.max(1, count))));
}
function measureSlowdown(pace, settings) {
  const { finished, periodOf } = pace;
  const span = finished.length;
  return slowPeriods.map((_, period) => {
    let inPeriod = 0;
    let expected = 0;
    for (let start = 0; start < span; start++) {
      if (periodOf[start] !== period || start > 0 && periodOf[start - 1] === period) continue;
      let end = start;
      while (end < span && periodOf[end] === period) end += 1;
      if (start < settings.recentWorkingDays) continue;
      const fullDuring = meanPace(pace, start, end, (day) => pace.full[day]);
      const fullBefore = meanPace(pace, start - settings.recentWorkingDays, start, (day) => pace.full[day] && periodOf[day] < 0);
      const useFull = fullDuring.days >= settings.minimumFullDays / 2 && fullBefore.days >= settings.minimumFullDays;
      const during = useFull ? fullDuring : meanPace(pace, start, end, () => true);
      const before = useFull ? fullBefore : meanPace(pace, start - settings.recentWorkingDays, start, (day) => periodOf[day] < 0);
      if (before.sum < settings.minimumForSlowdown) continue;
      inPeriod += during.perDay * (end - start);
      expected += before.perDay * (end - start);
    }
    return expected === 0 ? 1 : Math.min(1.5, Math.max(0.2, inPeriod / expected));
  });
}

// domain/registers.ts
import { readFileSync as readFileSync2 } from "node:fs";
var table = JSON.parse(readFileSync2(new URL("./registers.json", import.meta.url), "utf8"));
var registers = table.registers;
var registerIds = registers.map((r) => r.id);
var byId = new Map(registers.map((r) => [r.id, r]));
function custodianOn(registerId, day) {
  const register = byId.get(registerId);
  if (!register) throw new RangeError(`Unknown register ${registerId}`);
  const holder = register.holders.find((h2) => h2.from <= day && (!h2.to || day <= h2.to));
  if (!holder) throw new RangeError(`No custodian holds ${registerId} on ${day}`);
  return holder.custodian;
}
function registersByCustodian(registerIds2, day) {
  const held = /* @__PURE__ */ new Map();
  for (const registerId of new Set(registerIds2)) {
    const custodian = custodianOn(registerId, day);
    held.set(custodian, [...held.get(custodian) ?? [], registerId]);
  }
  return held;
}

// domain/deadlines.ts
import { readFileSync as readFileSync3 } from "node:fs";

// domain/working-days.ts
import Holidays from "date-holidays";
var holidays = new Holidays("NO");
var publicHolidaysByYear = /* @__PURE__ */ new Map();
function publicHolidays(year) {
  let days2 = publicHolidaysByYear.get(year);
  if (!days2) {
    days2 = new Set(holidays.getHolidays(year).filter((h2) => h2.type === "public").map((h2) => h2.date.slice(0, 10)));
    publicHolidaysByYear.set(year, days2);
  }
  return days2;
}
function parse(day) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`Not a calendar day: ${day}`);
  return /* @__PURE__ */ new Date(`${day}T00:00:00Z`);
}
function format(date) {
  return date.toISOString().slice(0, 10);
}
function isWorkingDay(day) {
  const date = parse(day);
  const weekday = date.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !publicHolidays(date.getUTCFullYear()).has(day);
}
function addWorkingDays(from, count) {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`Working days must be a whole number >= 0, got ${count}`);
  const date = parse(from);
  let left = count;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (isWorkingDay(format(date))) left -= 1;
  }
  return format(date);
}
var osloDayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo", year: "numeric", month: "2-digit", day: "2-digit" });
function osloDay(instant) {
  return osloDayFormat.format(instant);
}
function norwegianDate(day) {
  const [year, month, date] = day.split("-");
  return `${date}.${month}.${year}`;
}

// domain/deadlines.ts
var rules = JSON.parse(readFileSync3(new URL("./rules.json", import.meta.url), "utf8"));

// domain/case-facts.ts
function linkageRequested(linkage) {
  return typeof linkage === "object" ? linkage?.requested === true : linkage === true;
}

// domain/stage-visits.ts
var forecastStages = ["completeness-check", "awaiting-applicant", "update-check", "assessment", "decision", "with-other-body", "decided", "delivery"];
var movesTo = {
  received: "completeness-check",
  registered: "completeness-check",
  "supplement-received": "completeness-check",
  "supplement-requested": "awaiting-applicant",
  rejected: "rejected",
  "update-compared": "update-check",
  "statutory-clock-started": "assessment",
  forwarded: "with-other-body",
  assessed: "decision",
  decided: "decided",
  "orders-created": "delivery",
  "external-decision-recorded": "closed",
  closed: "closed"
};
var movingStepPattern = `^(${Object.keys(movesTo).join("|")})(:.*)?$`;
function stageAfterStep(step) {
  return movesTo[step.replace(/:.*$/, "")];
}
var stageOfStatus = {
  received: "completeness-check",
  registered: "completeness-check",
  "awaiting-supplement": "awaiting-applicant",
  "checking-update": "update-check",
  "in-assessment": "assessment",
  "awaiting-decision": "decision",
  forwarded: "with-other-body",
  decided: "decided",
  "awaiting-delivery": "delivery"
};
var forecastStatuses = Object.keys(stageOfStatus);
function forecastStageOfStatus(status) {
  return stageOfStatus[status];
}
function stageVisits(steps) {
  const visits = [];
  let current;
  for (const { step, at } of steps) {
    const next = stageAfterStep(step);
    if (!next || next === current?.stage) continue;
    if (current) {
      current.leftAt = at;
      current.next = next;
    }
    if (next === "closed" || next === "rejected") {
      current = void 0;
      continue;
    }
    current = { stage: next, enteredAt: at, leftAt: null, next: null };
    visits.push(current);
  }
  return visits;
}

// domain/working-day-numbers.ts
var nextDay = (day) => new Date(Date.parse(`${day}T00:00:00Z`) + 864e5).toISOString().slice(0, 10);
function numberWorkingDays(first, last, origin) {
  const days2 = [];
  const numberByDay = /* @__PURE__ */ new Map();
  const pending = [];
  for (let day = first; day <= last; day = nextDay(day)) {
    pending.push(day);
    if (!isWorkingDay(day)) continue;
    for (const waiting of pending) numberByDay.set(waiting, days2.length);
    pending.length = 0;
    days2.push(day);
  }
  for (const waiting of pending) numberByDay.set(waiting, days2.length);
  const shift = numberByDay.get(origin);
  if (shift === void 0) throw new RangeError(`${origin} is outside ${first}..${last}`);
  return {
    numberOf(day) {
      if (day < first) return -shift - 1;
      if (day > last) return days2.length - shift;
      return numberByDay.get(day) - shift;
    },
    dayOf(number) {
      const index = Math.min(Math.max(number + shift, 0), days2.length - 1);
      return days2[index];
    },
    first,
    last
  };
}

// service/forecast-snapshot.ts
var historyDays = 430;
var aheadDays = 800;
var shiftDays = (day, by) => new Date(Date.parse(`${day}T00:00:00Z`) + by * 864e5).toISOString().slice(0, 10);
function forecastDays(now) {
  const today = osloDay(now);
  return numberWorkingDays(shiftDays(today, -historyDays), shiftDays(today, aheadDays), today);
}
var caseColumns = `a.id, a.status, a.application_type, a.received_at, a.updated_at, a.process_instance_key, a.submission -> 'linkage' as linkage, dl.due_at,
  array(select s.register_id from application_sources s where s.application_id = a.id order by s.register_id) as register_ids`;
function kindOf(row) {
  return { applicationType: row.application_type, sourceCount: row.register_ids.length, linked: row.register_ids.length > 1 && linkageRequested(row.linkage) };
}
function groupBy(rows, key) {
  const groups = /* @__PURE__ */ new Map();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}
async function readHistory(db2, days2) {
  const bindings = { since: /* @__PURE__ */ new Date(`${days2.first}T00:00:00Z`), pattern: movingStepPattern };
  const relevant = "relevant as (select distinct application_id as id from audit_events where occurred_at >= :since)";
  const [cases, steps, orders] = await Promise.all([
    db2.raw(`with ${relevant} select ${caseColumns} from relevant r join applications a on a.id = r.id left join deadlines dl on dl.application_id = a.id`, bindings),
    db2.raw(`with ${relevant} select e.application_id, e.step, e.occurred_at from relevant r join audit_events e on e.application_id = r.id where e.step ~ :pattern order by e.application_id, e.occurred_at, e.id`, bindings),
    db2.raw(`with ${relevant} select o.application_id, o.custodian_id, o.sent_at, o.delivered_at from relevant r join custodian_orders o on o.application_id = r.id`, bindings)
  ]);
  const stepsOf = groupBy(steps.rows, (row) => row.application_id);
  const ordersOf = groupBy(orders.rows, (row) => row.application_id);
  const visits = [];
  for (const row of cases.rows) {
    const kind = kindOf(row);
    const receivedOn = osloDay(row.received_at);
    const dueOn = row.due_at ? osloDay(row.due_at) : null;
    let deliveryStart = row.updated_at;
    for (const visit of stageVisits((stepsOf.get(row.id) ?? []).map((s) => ({ step: s.step, at: s.occurred_at })))) {
      if (visit.stage === "delivery") {
        deliveryStart = visit.enteredAt;
        continue;
      }
      const enteredOn = osloDay(visit.enteredAt);
      visits.push({ stage: visit.stage, kind, enteredOn, leftOn: visit.leftAt ? osloDay(visit.leftAt) : null, next: visit.next, queuedBy: queueOrder(visit.stage, receivedOn, dueOn, enteredOn) });
    }
    for (const order of ordersOf.get(row.id) ?? []) {
      const sentOn = osloDay(order.sent_at ?? deliveryStart);
      visits.push({ stage: "delivery", custodian: order.custodian_id, kind, enteredOn: sentOn, leftOn: order.delivered_at ? osloDay(order.delivered_at) : null, next: null, queuedBy: sentOn });
    }
  }
  return visits;
}
async function readOpenCases(db2, now) {
  const today = osloDay(now);
  const bindings = { open: forecastStatuses };
  const open2 = "open as (select id from applications where status = any(:open))";
  const [cases, supplements, orders] = await Promise.all([
    db2.raw(`with ${open2} select ${caseColumns} from open o join applications a on a.id = o.id left join deadlines dl on dl.application_id = a.id`, bindings),
    // A supplement request and its answer, for the cases waiting for one.
    db2.raw(
      `select e.application_id, max(e.occurred_at) filter (where e.step like 'supplement-requested:%') as requested_at,
         max(e.occurred_at) filter (where e.step like 'supplement-received:%') as received_at,
         (array_agg(e.detail ->> 'dueAt' order by e.occurred_at desc) filter (where e.step like 'supplement-requested:%'))[1] as due_at
       from applications a join audit_events e on e.application_id = a.id
       where a.status = 'awaiting-supplement' and (e.step like 'supplement-requested:%' or e.step like 'supplement-received:%')
       group by e.application_id`
    ),
    db2.raw(`with ${open2} select o2.application_id, o2.custodian_id, o2.sent_at, o2.delivered_at from open o join custodian_orders o2 on o2.application_id = o.id where o2.delivered_at is null`, bindings)
  ]);
  const supplementOf = new Map(supplements.rows.map((row) => [row.application_id, row]));
  const pendingOf = groupBy(orders.rows, (row) => row.application_id);
  return cases.rows.map((row) => {
    const supplement = supplementOf.get(row.id);
    const answered = supplement?.received_at && (!supplement.requested_at || supplement.received_at > supplement.requested_at);
    const stage = answered ? "completeness-check" : forecastStageOfStatus(row.status);
    const enteredAt = answered ? supplement.received_at : row.updated_at;
    const orders2 = stage === "delivery" ? (pendingOf.get(row.id) ?? []).map((o) => ({ custodian: o.custodian_id, sentOn: osloDay(o.sent_at ?? enteredAt) })) : [...registersByCustodian(row.register_ids, today).keys()].map((custodian) => ({ custodian, sentOn: null }));
    return {
      id: row.id,
      processInstanceKey: row.process_instance_key,
      registerIds: row.register_ids,
      forecastCase: {
        kind: kindOf(row),
        stage,
        enteredOn: osloDay(enteredAt),
        receivedOn: osloDay(row.received_at),
        statutoryDueOn: row.due_at ? osloDay(row.due_at) : null,
        applicantLastDay: stage === "awaiting-applicant" && supplement?.due_at ? addWorkingDays(osloDay(new Date(supplement.due_at)), rules.reminderWorkingDays) : null,
        orders: orders2
      }
    };
  });
}

// domain/forecast.ts
import { probit, quantileSorted } from "simple-statistics";
var forecastMethodVersion = "queue-simulation-1";
var simulationSettings = { runs: 100, seed: 1, horizonWorkingDays: 500 };
function randomSource(seed) {
  let state = seed >>> 0;
  return () => {
    state = state + 1831565813 >>> 0;
    let t = state;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}
var Heap = class {
  constructor(capacity, key) {
    this.key = key;
    this.items = new Int32Array(Math.max(capacity, 1));
  }
  key;
  items;
  size = 0;
  push(item) {
    const { items, key } = this;
    let i = this.size++;
    while (i > 0) {
      const parent = i - 1 >> 1;
      if (key[items[parent]] <= key[item]) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = item;
  }
  pop() {
    const { items, key } = this;
    const first = items[0];
    const last = items[--this.size];
    let i = 0;
    for (; ; ) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && key[items[child + 1]] < key[items[child]]) child += 1;
      if (key[items[child]] >= key[last]) break;
      items[i] = items[child];
      i = child;
    }
    items[i] = last;
    return first;
  }
};
function samplesFor(history, source, keys) {
  let widest = [];
  for (const key of keys) {
    const samples = source.get(key);
    if (samples && samples.length >= history.minimumSamples) return samples;
    if (samples && samples.length > 0) widest = samples;
  }
  return widest;
}
var closed = forecastStages.length;
var rejected = closed + 1;
var stageNumber = new Map([...forecastStages.map((stage, index) => [stage, index]), ["closed", closed], ["rejected", rejected]]);
var decidedStage = stageNumber.get("decided");
var deliveryStage = stageNumber.get("delivery");
var otherBodyStage = stageNumber.get("with-other-body");
var applicantStage = stageNumber.get("awaiting-applicant");
var assessmentStage = stageNumber.get("assessment");
var usualNext = {
  "completeness-check": "assessment",
  "awaiting-applicant": "completeness-check",
  "update-check": "decided",
  assessment: "decision",
  decision: "decided",
  "with-other-body": "closed",
  decided: "delivery",
  delivery: "closed"
};
function choicesFor(history, stage, kind) {
  let counts;
  for (const key of nextKeys(stage, kind)) {
    const found = history.next.get(key);
    const total2 = found ? [...found.values()].reduce((a, b) => a + b, 0) : 0;
    if (found && (total2 >= history.minimumSamples || !counts)) counts = found;
    if (total2 >= history.minimumSamples) break;
  }
  if (!counts || counts.size === 0) return { to: [stageNumber.get(usualNext[stage])], cumulative: [1] };
  const to = [...counts.keys()];
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  let running = 0;
  return { to: to.map((t) => stageNumber.get(t)), cumulative: to.map((t) => running += counts.get(t) / total) };
}
var statutoryWorkingDays = (kind) => kind.linked ? rules.statutoryWorkingDaysLinked : rules.statutoryWorkingDays;
var applicantWorkingDays = rules.supplementWorkingDays + rules.reminderWorkingDays;
function simulate(cases, history, days2, settings = simulationSettings) {
  const n = cases.length;
  const { runs, horizonWorkingDays: horizon } = settings;
  const stageCount = forecastStages.length;
  const orderCase = [];
  const orderCustodian = [];
  const ordersOf = cases.map(
    (c, i) => c.orders.map((order2) => {
      orderCase.push(i);
      orderCustodian.push(order2.custodian);
      return n + orderCase.length - 1;
    })
  );
  const items = n + orderCase.length;
  const order = new Float64Array(items);
  const queues = [];
  const newQueue = (stage, custodian) => {
    const name = queueOf(stage, custodian);
    const perDay = history.capacityPerDay.get(name) ?? null;
    const measured = queuedStages.has(stage) && perDay !== null && perDay.reduce((a, b) => a + b, 0) >= 3;
    const queue = {
      index: queues.length,
      name,
      stage,
      waiting: measured ? new Heap(items, order) : null,
      finishedPerDay: measured ? perDay : null,
      slowdown: history.slowdown.get(name) ?? [],
      paceSpread: history.paceSpread.get(name) ?? 0,
      paceChange: 1
    };
    queues.push(queue);
    return queue;
  };
  const stageQueue = forecastStages.map((stage) => stage === "delivery" ? void 0 : newQueue(stage));
  const custodianQueue = new Map([...new Set(orderCustodian)].map((custodian) => [custodian, newQueue("delivery", custodian)]));
  const orderQueue = orderCustodian.map((custodian) => custodianQueue.get(custodian));
  const queueOfItem = (stage, item) => item < n ? stageQueue[stage] : orderQueue[item - n];
  const orderedBy = forecastStages.map((stage) => queueOrder(stage, 0, 1, 2));
  const slowPeriodAhead = Array.from({ length: horizon + 1 }, (_, day) => slowPeriodOf(days2.dayOf(day)));
  const entered = new Float64Array(n);
  const received = new Float64Array(n);
  const dueNow = new Float64Array(n);
  const applicantLast = new Float64Array(n);
  const statutoryDays = new Float64Array(n);
  const startStage = new Int8Array(n);
  const orderSent = new Float64Array(orderCase.length);
  cases.forEach((c, i) => {
    entered[i] = days2.numberOf(c.enteredOn);
    received[i] = days2.numberOf(c.receivedOn);
    dueNow[i] = c.statutoryDueOn === null ? Number.NaN : days2.numberOf(c.statutoryDueOn);
    applicantLast[i] = c.applicantLastDay === null ? Number.NaN : days2.numberOf(c.applicantLastDay);
    statutoryDays[i] = statutoryWorkingDays(c.kind);
    startStage[i] = stageNumber.get(c.stage);
    ordersOf[i].forEach((item, k) => orderSent[item - n] = c.orders[k].sentOn === null ? Number.NaN : days2.numberOf(c.orders[k].sentOn));
  });
  const byKey = /* @__PURE__ */ new Map();
  const once = (key, find) => {
    let found = byKey.get(key);
    if (!found) byKey.set(key, found = find());
    return found;
  };
  const handlingOf = new Array(stageCount * items);
  const handling = (stage, item) => {
    const slot = stage * items + item;
    const known = handlingOf[slot];
    if (known) return known;
    const keys = durationKeys(forecastStages[stage], cases[item < n ? item : orderCase[item - n]].kind, item < n ? void 0 : orderCustodian[item - n]);
    const paced = queueOfItem(stage, item).waiting !== null;
    return handlingOf[slot] = once(`${paced}:${keys[0]}`, () => samplesFor(history, paced ? history.durations : history.stays, keys));
  };
  const choicesOf = new Array(stageCount * n);
  const choices = (stage, i) => {
    const slot = stage * n + i;
    const known = choicesOf[slot];
    if (known) return known;
    const kind = cases[i].kind;
    return choicesOf[slot] = once(`n:${nextKeys(forecastStages[stage], kind)[0]}`, () => choicesFor(history, forecastStages[stage], kind));
  };
  const result = {
    runs,
    horizon,
    caseCount: n,
    decidedOn: new Int32Array(runs * n).fill(-1),
    deliveredOn: new Int32Array(runs * n).fill(-1),
    leftStageOn: new Int32Array(runs * n).fill(-1),
    doneOn: new Int32Array(runs * n).fill(-1),
    breached: new Uint8Array(runs * n),
    hadDeadline: new Uint8Array(n)
  };
  const leaving = new Int32Array(queues.length * (horizon + 2));
  const nextLeaving = new Int32Array(items);
  const stageOf = new Int8Array(n);
  const due = new Float64Array(n);
  const outstanding = new Int32Array(n);
  for (let run = 0; run < runs; run++) {
    let leave2 = function(i, day) {
      const k = at + i;
      if (result.leftStageOn[k] === -1) result.leftStageOn[k] = day;
      const stage = stageOf[i];
      const options = choices(stage, i);
      const roll = random();
      let pick = 0;
      while (pick < options.to.length - 1 && roll > options.cumulative[pick]) pick += 1;
      const next = options.to[pick];
      if (next === decidedStage || stage === otherBodyStage && next === closed) {
        result.decidedOn[k] = day;
        if (!Number.isNaN(due[i])) {
          result.hadDeadline[i] = 1;
          if (day > due[i]) result.breached[k] = 1;
        }
      }
      if (stage === deliveryStage) result.deliveredOn[k] = day;
      if (next === closed || next === rejected) {
        result.doneOn[k] = day;
        open2 -= 1;
        return;
      }
      enter(i, next, day, false);
    }, done2 = function(item, day) {
      if (item < n) return leave2(item, day);
      const i = orderCase[item - n];
      outstanding[i] = outstanding[i] - 1;
      if (outstanding[i] === 0) leave2(i, day);
    };
    var leave = leave2, done = done2;
    const random = randomSource(settings.seed * 100003 + run);
    const draw = (samples) => samples.length === 0 ? 0 : samples[Math.floor(random() * samples.length)];
    const drawGiven = (samples, waited) => {
      let low = 0;
      let high = samples.length;
      while (low < high) {
        const middle = low + high >>> 1;
        if (samples[middle] < waited) low = middle + 1;
        else high = middle;
      }
      return low === samples.length ? waited : samples[low + Math.floor(random() * (samples.length - low))];
    };
    leaving.fill(-1);
    let today = 0;
    let workingOn = -1;
    const handle = (queue, item, until) => {
      const earliest = queue.index < workingOn ? today + 1 : today;
      const slot = queue.index * (horizon + 2) + Math.min(horizon + 1, Math.max(earliest, until));
      nextLeaving[item] = leaving[slot];
      leaving[slot] = item;
    };
    const paceDraw = probit(5e-4 + 0.999 * random());
    for (const queue of queues) {
      if (queue.waiting) queue.waiting.size = 0;
      queue.paceChange = Math.exp(queue.paceSpread * paceDraw);
    }
    const at = run * n;
    let open2 = n;
    const arrive = (item, stage, since, place, now) => {
      const queue = queueOfItem(stage, item);
      if (queue.waiting) {
        order[item] = place * 1048576 + item % 1048576;
        return queue.waiting.push(item);
      }
      const samples = handling(stage, item);
      let until = since + (now ? drawGiven(samples, -since) : draw(samples));
      if (stage === applicantStage) {
        const i = item < n ? item : orderCase[item - n];
        const lastDay = now && !Number.isNaN(applicantLast[i]) ? applicantLast[i] : since + applicantWorkingDays;
        until = Math.min(until, lastDay + 1);
      }
      handle(queue, item, until);
    };
    const enter = (i, stage, day, now) => {
      stageOf[i] = stage;
      if (stage === deliveryStage) {
        const orders = ordersOf[i];
        outstanding[i] = orders.length;
        if (orders.length === 0) return leave2(i, day);
        for (const item of orders) {
          const sentBefore = orderSent[item - n];
          const sent = now && !Number.isNaN(sentBefore) ? sentBefore : day;
          arrive(item, deliveryStage, sent, sent, now);
        }
        return;
      }
      const since = now ? entered[i] : day;
      if (stage === assessmentStage && Number.isNaN(due[i])) due[i] = day + statutoryDays[i];
      const by = orderedBy[stage];
      arrive(i, stage, since, by === 0 ? received[i] : by === 2 ? since : Number.isNaN(due[i]) ? received[i] : due[i], now);
    };
    for (let i = 0; i < n; i++) {
      due[i] = dueNow[i];
      if (!Number.isNaN(due[i])) result.hadDeadline[i] = 1;
      enter(i, startStage[i], 0, true);
    }
    for (let day = 0; day <= horizon && open2 > 0; day++) {
      today = day;
      for (const queue of queues) {
        workingOn = queue.index;
        const { waiting } = queue;
        if (waiting && waiting.size > 0) {
          const perDay = queue.finishedPerDay;
          const period = slowPeriodAhead[day];
          const pace = perDay[Math.floor(random() * perDay.length)] * queue.paceChange * (period < 0 ? 1 : queue.slowdown[period] ?? 1);
          for (let taken = Math.floor(pace + random()); taken > 0 && waiting.size > 0; taken--) {
            const item = waiting.pop();
            handle(queue, item, day + draw(handling(item < n ? stageOf[item] : deliveryStage, item)));
          }
        }
        const slot = queue.index * (horizon + 2) + day;
        while (leaving[slot] !== -1) {
          const item = leaving[slot];
          leaving[slot] = nextLeaving[item];
          done2(item, day);
        }
      }
    }
  }
  return result;
}
var quantiles = [0.5, 0.1, 0.9];
function dateRange(values, days2) {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const [median, from, to] = quantiles.map((p) => days2.dayOf(Math.round(quantileSorted(values, p))));
  return { median, from, to };
}
function caseForecasts(simulation, cases, days2) {
  const { runs, caseCount: n, horizon } = simulation;
  return cases.map((c, i) => {
    const decisions = [];
    const deliveries = [];
    let breaches = 0;
    for (let run = 0; run < runs; run++) {
      const k = run * n + i;
      const unfinished = simulation.doneOn[k] === -1;
      const decided = simulation.decidedOn[k];
      if (decided >= 0) decisions.push(decided);
      else if (unfinished && !decidedAlready(c)) decisions.push(horizon + 1);
      const delivered = simulation.deliveredOn[k];
      if (delivered >= 0) deliveries.push(delivered);
      else if (unfinished) deliveries.push(horizon + 1);
      breaches += simulation.breached[k];
    }
    const decision = decidedAlready(c) ? null : dateRange(decisions, days2);
    const delivery = dateRange(deliveries, days2);
    const breachProbability = decidedAlready(c) || !simulation.hadDeadline[i] ? null : breaches / runs;
    const deadlineAtRisk = c.statutoryDueOn !== null && days2.numberOf(c.statutoryDueOn) >= 0 && decision !== null && decision.to > c.statutoryDueOn;
    return { decision, delivery, breachProbability, deadlineAtRisk };
  });
}
function decidedAlready(c) {
  return c.stage === "decided" || c.stage === "delivery";
}
function groupForecast(simulation, members, through, days2) {
  const { runs, caseCount: n, horizon } = simulation;
  const leftOn = through === "stage" ? simulation.leftStageOn : simulation.doneOn;
  const lastOut = [];
  let breaches = 0;
  for (let run = 0; run < runs; run++) {
    let last = 0;
    for (const i of members) {
      const day = leftOn[run * n + i];
      last = Math.max(last, day === -1 ? horizon + 1 : day);
      breaches += simulation.breached[run * n + i];
    }
    lastOut.push(last);
  }
  lastOut.sort((a, b) => a - b);
  const median = members.length === 0 ? 0 : Math.round(quantileSorted(lastOut, 0.5));
  return { clearsOn: median > horizon ? null : days2.dayOf(median), expectedBreaches: Math.round(breaches / runs * 10) / 10 };
}

// domain/forecast-text.ts
var range = ({ median, from, to }) => `rundt ${norwegianDate(median)} (80 %: ${norwegianDate(from)}\u2013${norwegianDate(to)})`;
function forecastText(forecast, statutoryDueOn) {
  const parts = [];
  if (forecast.decision) parts.push(`Vedtak ${range(forecast.decision)}`);
  if (forecast.delivery) parts.push(`utlevering ved innvilgelse ${range(forecast.delivery)}`);
  if (forecast.deadlineAtRisk && statutoryDueOn) parts.push(`fristen ${norwegianDate(statutoryDueOn)} er i fare`);
  if (parts.length === 0) return "Ingen prognose";
  const text = parts.join("; ");
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

// service/forecasts.ts
var minimumDecisions = 5;
function membersBy(open2, keysOf) {
  const members = /* @__PURE__ */ new Map();
  open2.forEach((record, i) => {
    for (const key of keysOf(record)) {
      const list = members.get(key);
      if (list) list.push(i);
      else members.set(key, [i]);
    }
  });
  return members;
}
function computeForecasts(history, open2, days2, settings = simulationSettings) {
  if (history.decisions < minimumDecisions) return null;
  const cases = open2.map((record) => record.forecastCase);
  const simulation = simulate(cases, history, days2, settings);
  const forecasts = caseForecasts(simulation, cases, days2);
  const finishedPerWeek = (stage) => {
    if (!queuedStages.has(stage)) return null;
    let finished = 0;
    let recentDays = 0;
    for (const [queue, perDay] of history.finishedPerDay) {
      if (queue !== stage && !queue.startsWith(`${stage}:`)) continue;
      finished += perDay.reduce((a, b) => a + b, 0);
      recentDays = perDay.length;
    }
    return recentDays === 0 ? 0 : Math.round(finished / recentDays * 5 * 10) / 10;
  };
  const byStage = membersBy(open2, (record) => [record.forecastCase.stage]);
  const stages = forecastStages.filter((stage) => byStage.has(stage)).map((stage) => {
    const members = byStage.get(stage);
    return { key: stage, open: members.length, finishedPerWeek: finishedPerWeek(stage), ...groupForecast(simulation, members, "stage", days2) };
  });
  const byRegister = membersBy(open2, (record) => record.registerIds);
  const registers2 = [...byRegister.keys()].sort().map((registerId) => {
    const members = byRegister.get(registerId);
    return { key: registerId, open: members.length, finishedPerWeek: null, ...groupForecast(simulation, members, "backlog", days2) };
  });
  return {
    methodVersion: forecastMethodVersion,
    cases: open2.map((record, i) => ({ record, forecast: forecasts[i], text: forecastText(forecasts[i], record.forecastCase.statutoryDueOn) })),
    stages,
    registers: registers2
  };
}

// .scratch-h3/prof.ts
var db = knex({ client: "pg", connection: "postgres://hds:hds@127.0.0.1:5432/hds_h3_bench_forecast" });
var cutoff = /* @__PURE__ */ new Date("2025-07-01T04:00:00Z");
var days = forecastDays(cutoff);
var h = learnFromHistory(await readHistory(db, days), days);
var open = await readOpenCases(db, cutoff);
for (let i = 0; i < 3; i++) {
  let t = performance.now();
  const cases = open.map((o) => o.forecastCase);
  const sim = simulate(cases, h, days);
  const t1 = performance.now();
  caseForecasts(sim, cases, days);
  const t2 = performance.now();
  computeForecasts(h, open, days);
  const t3 = performance.now();
  console.log(open.length, "simulate", Math.round(t1 - t), "caseForecasts", Math.round(t2 - t1), "computeForecasts", Math.round(t3 - t2));
}
await db.destroy();
