// The forecast on small queues made by hand, whose answers can be worked out on paper: an
// approvers' queue that has finished exactly two cases a day for eight weeks, each a day after
// the cases ahead of it, so every run of the simulation gives the same days.
import { describe, expect, it } from 'vitest';
import { caseForecasts, deadlineAtRisk, groupForecast, simulate, type OpenCase } from '../../../domain/forecast/forecast.ts';
import { learnFromHistory, userAccessQueue, type CaseKind, type HistoricVisit } from '../../../domain/forecast/history.ts';
import { applicantLastDay } from '../../../domain/rulebook/supplement-window.ts';
import { addCalendarMonths } from '../../../domain/working-days.ts';
import { forecastText } from '../../../domain/forecast/text.ts';
import { forecastStageOfStatus, forecastStatuses, stageVisits } from '../../../domain/forecast/stage-visits.ts';
import { appealStage, openStages, stages } from '../../../domain/stages.ts';
import { numberWorkingDays } from '../../../domain/working-day-numbers.ts';

const today = '2027-03-01'; // a Monday; no holiday in the two weeks after it
const days = numberWorkingDays('2026-01-01', '2028-12-31', today);
const day = (number: number) => days.dayOf(number);
const kind: CaseKind = { applicationType: 'new', sourceCount: 1, linked: false };
const settings = { runs: 20, seed: 1, horizonWorkingDays: 100 };

// Two decisions each working day of the last eight weeks, each taken the day before it was made
// and after the ones ahead of it had gone; one case waits behind them all the while, so the
// queue always had more cases than it finished.
function approversFinishingTwoADay(): HistoricVisit[] {
  const visits: HistoricVisit[] = [];
  for (let d = -40; d < 0; d++) {
    for (let k = 0; k < 2; k++) visits.push({ stage: 'decision', kind, enteredOn: day(d - 1), leftOn: day(d), next: 'decided', queuedBy: day(d) });
  }
  visits.push({ stage: 'decision', kind, enteredOn: day(-50), leftOn: null, next: null, queuedBy: day(400) });
  return visits;
}

const waitingForDecision = (dueIn: number): OpenCase => ({
  kind,
  rulebook: 'norwegian',
  stage: 'decision',
  enteredOn: day(-5),
  receivedOn: day(-60),
  statutoryDueOn: day(dueIn),
  applicantLastDay: null,
  orders: [],
});

function forecast(cases: OpenCase[], visits = approversFinishingTwoADay()) {
  const simulation = simulate(cases, learnFromHistory(visits, days), days, settings);
  return { simulation, forecasts: caseForecasts(simulation, cases, days) };
}

describe('what the history teaches', () => {
  it('measures a queue by the cases it finished on its full days, and a case by its time after the cases ahead had gone', () => {
    const history = learnFromHistory(approversFinishingTwoADay(), days);
    expect(history.capacityPerDay.get('decision')).toEqual(new Array(40).fill(2));
    expect(new Set(history.durations.get('decision'))).toEqual(new Set([1]));
    expect(history.decisions).toBe(80);
  });

  it('counts in a queue only the time after the cases ahead of a case had gone', () => {
    // A and B come the same day, B behind A; C comes later behind both.
    const visit = (enteredOn: number, leftOn: number, order: number): HistoricVisit => ({
      stage: 'completeness-check',
      kind,
      enteredOn: day(enteredOn),
      leftOn: day(leftOn),
      next: 'assessment',
      queuedBy: day(-100 + order),
    });
    const history = learnFromHistory([visit(-10, -5, 1), visit(-10, -3, 2), visit(-4, -2, 3)], days);
    // A: 5 days with no one ahead; B: 2 days after A left; C: 1 day after B left.
    expect(history.durations.get('completeness-check')).toEqual([1, 2, 5]);
    expect(history.stays.get('completeness-check')).toEqual([2, 5, 7]);
  });
});

describe('the forecast on a hand-made queue', () => {
  it('decides two cases a day in deadline order, each a day after it is taken up', () => {
    // Listed out of order: the queue takes them by statutory deadline.
    const cases = [6, 1, 5, 2, 4, 3].map(waitingForDecision);
    const { forecasts } = forecast(cases);
    // By deadline: days 1, 1, 2, 2, 3, 3.
    const expected = [3, 1, 3, 1, 2, 2].map((d) => ({ median: day(d), from: day(d), to: day(d) }));
    expect(forecasts.map((f) => f.decision)).toEqual(expected);
  });

  it("moves a case's forecast earlier when the queue ahead of it empties", () => {
    const ours = waitingForDecision(20);
    const behindFour = forecast([1, 2, 3, 4].map(waitingForDecision).concat(ours)).forecasts.at(-1)!;
    const alone = forecast([ours]).forecasts[0]!;
    expect(behindFour.decision).toEqual({ median: day(3), from: day(3), to: day(3) });
    expect(alone.decision).toEqual({ median: day(1), from: day(1), to: day(1) });
  });

  it('puts a case in "Frist i fare" once five working days or fewer are left, whatever the forecast says', () => {
    // Four cases due on day 1 go first (days 1, 1, 2, 2); then the one due on day 2 and the
    // one due on day 8, both decided on day 3: the first is sure to be late, the second sure
    // not to be, and only the time left decides the flag.
    const { forecasts } = forecast([8, 1, 1, 1, 1, 2].map(waitingForDecision));
    expect(forecasts[5]).toMatchObject({ deadlineAtRisk: true, breachProbability: 1, decision: { median: day(3) } });
    expect(forecasts[1]).toMatchObject({ deadlineAtRisk: true, breachProbability: 0, decision: { median: day(1) } });
    expect(forecasts[0]).toMatchObject({ deadlineAtRisk: false, breachProbability: 0, decision: { median: day(3) } });
    // A deadline already passed is a breach to record, not a risk to warn of.
    expect(forecast([waitingForDecision(-1)]).forecasts[0]).toMatchObject({ deadlineAtRisk: false, breachProbability: 1 });
  });
  it("starts a case's statutory clock by its rulebook: 30 working days under the Norwegian rules, 3 months under EHDS", () => {
    // Completeness takes a day, the assessment 45 working days (each case alone in its queue);
    // then the approvers decide as above. The clock starts on day 1.
    const visit = (stage: 'completeness-check' | 'assessment', took: number, k: number): HistoricVisit => ({
      stage,
      kind,
      enteredOn: day(-200 + k),
      leftOn: day(-200 + k + took),
      next: stage === 'assessment' ? 'decision' : 'assessment',
      queuedBy: day(-200 + k),
    });
    const visits = [...Array.from({ length: 10 }, (_, k) => [visit('completeness-check', 1, k * 50), visit('assessment', 45, k * 50 + 1)]).flat(), ...approversFinishingTwoADay()];
    const incoming = (rulebook: OpenCase['rulebook']): OpenCase => ({ kind, rulebook, stage: 'completeness-check', enteredOn: today, receivedOn: today, statutoryDueOn: null, applicantLastDay: null, orders: [] });
    const [norwegian, ehds] = forecast([incoming('norwegian'), incoming('ehds')], visits).forecasts;
    // Decided on day 47 or 48: past day 31 (30 working days after day 1), before 1 June 2027
    // (3 months after 1 March).
    expect(norwegian!.decision!.median >= day(47)).toBe(true);
    expect(norwegian!.breachProbability).toBe(1);
    expect(ehds!.decision).toEqual(norwegian!.decision);
    expect(ehds!.breachProbability).toBe(0);
  });

  it('says when the queue clears and how many cases are expected to miss their deadline', () => {
    const cases = [1, 1, 2, 2, 2, 2].map(waitingForDecision);
    const { simulation } = forecast(cases);
    // Decided on days 1, 1, 2, 2, 3, 3: the last two miss their deadline on day 2.
    expect(groupForecast(simulation, [0, 1, 2, 3, 4, 5], 'stage', days)).toEqual({ clearsOn: day(3), expectedBreaches: 2 });
  });

  it("takes the applicant's last day by the rulebook: the Norwegian reminder's days after the request's deadline, none under EHDS", () => {
    const dueAt = new Date('2027-03-12T22:59:59.999Z'); // Friday 12 March 2027, end of day in Oslo
    // Five working days after it: Friday 19 March. EHDS has no reminder: the request's own last day.
    expect(applicantLastDay('norwegian', dueAt, null)).toBe('2027-03-19');
    expect(applicantLastDay('ehds', dueAt, null)).toBe('2027-03-12');
    // Reminded: the reminder's deadline.
    expect(applicantLastDay('norwegian', dueAt, new Date('2027-03-22T22:59:59.999Z'))).toBe('2027-03-22');
  });

  it('never has an applicant answer after the last day to send a supplement', () => {
    const slowApplicants: HistoricVisit[] = Array.from({ length: 20 }, (_, k) => ({
      stage: 'awaiting-applicant',
      kind,
      enteredOn: day(-60 - k),
      leftOn: day(-40 - k),
      next: 'completeness-check',
      queuedBy: day(-60 - k),
    }));
    const waiting: OpenCase = { kind, rulebook: 'norwegian', stage: 'awaiting-applicant', enteredOn: today, receivedOn: day(-30), statutoryDueOn: null, applicantLastDay: day(3), orders: [] };
    const { simulation } = forecast([waiting], [...approversFinishingTwoADay(), ...slowApplicants]);
    // Twenty days, as every applicant took, would be day 20: it ends the day after day 3.
    expect(new Set(simulation.leftStageOn)).toEqual(new Set([4]));
  });
});

// A custodian that delivered `perDay` orders each working day of the last eight weeks, each the
// day after it got it; one order waits behind them all the while, so its queue was always full.
function custodianDelivering(custodian: string, perDay: number): HistoricVisit[] {
  const visits: HistoricVisit[] = [];
  for (let d = -40; d < 0; d++) {
    for (let k = 0; k < perDay; k++) visits.push({ stage: 'delivery', custodian, kind, enteredOn: day(d - 1), leftOn: day(d), next: null, queuedBy: day(d - 1) });
  }
  visits.push({ stage: 'delivery', custodian, kind, enteredOn: day(-50), leftOn: null, next: null, queuedBy: day(400) });
  return visits;
}

describe('the delivery forecast on hand-made custodian queues', () => {
  // Custodian A delivers one order a day, B two; each takes its orders by the day it got them
  // and delivers each the day after. The approvers decide two a day, as above.
  const visits = [...approversFinishingTwoADay(), ...custodianDelivering('A', 1), ...custodianDelivering('B', 2)];
  const inDelivery = (orders: [string, number][]): OpenCase => ({
  rulebook: 'norwegian',
    kind,
    stage: 'delivery',
    enteredOn: day(-5),
    receivedOn: day(-90),
    statutoryDueOn: day(-30),
    applicantLastDay: null,
    orders: orders.map(([custodian, sentOn]) => ({ custodian, sentOn: day(sentOn) })),
  });
  const cases: OpenCase[] = [
    inDelivery([['A', -3]]),
    inDelivery([['A', -1], ['B', -1]]),
    inDelivery([['B', -2]]),
    inDelivery([['A', -2], ['B', -5]]),
    // Decided, its order to A not sent yet: with no history of that stage it is sent today.
    { ...inDelivery([]), stage: 'decided', orders: [{ custodian: 'A', sentOn: null }] },
    // Decided on day 1, then ordered from B.
    { ...waitingForDecision(1), orders: [{ custodian: 'B', sentOn: null }] },
  ];
  const on = (d: number) => ({ median: day(d), from: day(d), to: day(d) });

  it('delivers a case when the last of its custodians has delivered', () => {
    // A takes the orders of cases 0 (sent day -3), 3 (-2), 1 (-1) and 4 (ordered today) on days
    // 0 to 3. B takes those of 3 (-5) and 2 (-2) on day 0, and those of 1 (-1) and 5 (ordered
    // on day 1) on day 1.
    const { forecasts } = forecast(cases, visits);
    expect(forecasts.map((f) => f.delivery)).toEqual([1, 3, 1, 2, 4, 2].map(on));
    expect(forecasts.map((f) => f.decision)).toEqual([null, null, null, null, null, on(1)]);
  });

  it("waits under EHDS from the last holder's delivery to the user's access: the rule's 2 months before any case has waited, then as long as cases waited", () => {
    const ehds = (orders: [string, number][], holdersDeliveredOn: number | null = null): OpenCase => ({ ...inDelivery(orders), rulebook: 'ehds', holdersDeliveredOn: holdersDeliveredOn === null ? null : day(holdersDeliveredOn) });
    const open = [inDelivery([['A', -3]]), ehds([['B', -3]]), ehds([], -10)];
    const twoMonthsAfter = (d: number) => on(days.numberOf(addCalendarMonths(day(d), 2)));
    // The Norwegian case is delivered on day 1 as before; the EHDS one two months after its
    // holder delivers on day 1; the one whose holders delivered on day -10 two months after that.
    expect(forecast(open, visits).forecasts.map((f) => f.delivery)).toEqual([on(1), twoMonthsAfter(1), twoMonthsAfter(-10)]);
    // Ten cases, one at a time, took 4 working days each: the user's access comes 4 days after
    // the holders'; the case that has waited 10 days already, longer than any, gets it today.
    const accessTook4Days: HistoricVisit[] = Array.from({ length: 10 }, (_, k) => ({ stage: 'delivery', custodian: userAccessQueue, kind, enteredOn: day(-20 - 10 * k), leftOn: day(-16 - 10 * k), next: null, queuedBy: day(-20 - 10 * k) }));
    expect(forecast(open, [...visits, ...accessTook4Days]).forecasts.map((f) => f.delivery)).toEqual([on(1), on(5), on(0)]);
  });

  it("says when each register's cases are through the backlog", () => {
    const { simulation } = forecast(cases, visits);
    // A register A holds, named by cases 0, 1, 3 and 4, and one B holds, named by 1, 2, 3 and 5.
    expect(groupForecast(simulation, [0, 1, 3, 4], 'backlog', days)).toEqual({ clearsOn: day(4), expectedBreaches: 0 });
    expect(groupForecast(simulation, [1, 2, 3, 5], 'backlog', days)).toEqual({ clearsOn: day(3), expectedBreaches: 0 });
  });
});

describe('the forecast as a caseworker reads it', () => {
  it('gives the dates and the risk in Norwegian', () => {
    const text = forecastText(
      { decision: { median: '2027-03-10', from: '2027-03-05', to: '2027-03-20' }, delivery: { median: '2027-05-03', from: '2027-04-20', to: '2027-06-01' }, breachProbability: 0.3, deadlineAtRisk: true },
      '2027-03-15',
    );
    expect(text).toBe('Vedtak rundt 10.03.2027 (80 %: 05.03.2027–20.03.2027); utlevering ved innvilgelse rundt 03.05.2027 (80 %: 20.04.2027–01.06.2027); fristen 15.03.2027 er i fare.');
  });

  it('says why there is no forecast when no run reaches a decision', () => {
    expect(forecastText({ decision: null, delivery: null, breachProbability: 0, deadlineAtRisk: false }, null)).toMatch(/^Ingen prognose: i ingen av simuleringene kom saken til vedtak hos HDS\./);
  });
});

describe('stage visits from the audit trail', () => {
  it('starts a visit at each step that moves the case, and ends it at the next', () => {
    const at = (minute: number) => new Date(Date.UTC(2027, 2, 1, 8, minute));
    const visits = stageVisits([
      { step: 'received', at: at(0) },
      { step: 'registered', at: at(1) },
      { step: 'earlier-decision-checked:1', at: at(2) },
      { step: 'supplement-requested:2', at: at(3) },
      { step: 'supplement-received:8f3c', at: at(4) },
      { step: 'statutory-clock-started', at: at(5) },
      { step: 'assessed:3', at: at(6) },
    ]);
    expect(visits.map((v) => [v.stage, v.next])).toEqual([
      ['completeness-check', 'awaiting-applicant'],
      ['awaiting-applicant', 'completeness-check'],
      ['completeness-check', 'assessment'],
      ['assessment', 'decision'],
      ['decision', null],
    ]);
    expect(visits[0]!.enteredAt).toEqual(at(0));
    expect(visits.at(-1)!.leftAt).toBeNull();
  });

  it('ends the assessment of an EHDS case withdrawn after the cost estimate', () => {
    const at = (minute: number) => new Date(Date.UTC(2029, 3, 2, 8, minute));
    const visits = stageVisits([
      { step: 'received', at: at(0) },
      { step: 'statutory-clock-started', at: at(1) },
      { step: 'cost-estimate-accepted:6a1f', at: at(2) },
      { step: 'withdrawn:7b2e', at: at(3) },
    ]);
    expect(visits.map((v) => [v.stage, v.next, v.leftAt])).toEqual([
      ['completeness-check', 'assessment', at(1)],
      ['assessment', 'closed', at(3)],
    ]);
  });

  it('ends the delivery of a request for anonymised statistics when the statistics are released', () => {
    const at = (minute: number) => new Date(Date.UTC(2029, 3, 2, 8, minute));
    const visits = stageVisits([
      { step: 'decided', at: at(0) },
      { step: 'orders-created', at: at(1) },
      { step: 'statistics-released:9c3d', at: at(2) },
    ]);
    expect(visits.map((v) => [v.stage, v.next, v.leftAt])).toEqual([
      ['decided', 'delivery', at(1)],
      ['delivery', 'closed', at(2)],
    ]);
  });

  it('looks ahead for every open status of the stage catalogue but the appeal, and for no closed one', () => {
    const open = openStages.filter((stage) => stage !== appealStage).flatMap((stage) => stage.statuses);
    expect(open.filter((status) => forecastStageOfStatus(status) === undefined)).toEqual([]);
    expect(forecastStatuses).toEqual(expect.arrayContaining(open));
    expect(forecastStageOfStatus('received')).toBe('completeness-check');
    expect(forecastStageOfStatus('awaiting-delivery')).toBe('delivery');
    for (const status of stages.filter((stage) => stage.final).flatMap((stage) => stage.statuses)) expect(forecastStageOfStatus(status), status).toBeUndefined();
  });
});

describe('working days as numbers', () => {
  it('counts weekends and public holidays as the next working day', () => {
    expect(days.numberOf(today)).toBe(0);
    expect(days.numberOf('2027-02-27')).toBe(0); // Saturday
    expect(days.dayOf(1)).toBe('2027-03-02');
    // Maundy Thursday to Easter Monday 2027 (25-29 March) are holidays.
    expect(days.numberOf('2027-03-25')).toBe(days.numberOf('2027-03-30'));
  });
});

describe('"Frist i fare" (deadlineAtRisk)', () => {
  const open = (stage: OpenCase['stage'], dueIn: number | null): OpenCase => ({ ...waitingForDecision(0), stage, statutoryDueOn: dueIn === null ? null : day(dueIn) });

  it('flags an undecided case from five working days before its deadline to the deadline itself', () => {
    expect([6, 5, 1, 0, -1].map((dueIn) => deadlineAtRisk(open('assessment', dueIn), days))).toEqual([false, true, true, true, false]);
  });

  it('counts working days: a deadline five working days ahead is seven calendar days away over a weekend', () => {
    // Today is a Monday: five working days ahead is the next Monday.
    expect(day(5)).toBe('2027-03-08');
    expect(deadlineAtRisk(open('decision', 5), days)).toBe(true);
  });

  it('does not flag a case without a deadline yet, or one already decided', () => {
    expect(deadlineAtRisk(open('completeness-check', null), days)).toBe(false);
    expect(deadlineAtRisk(open('decided', 2), days)).toBe(false);
    expect(deadlineAtRisk(open('delivery', 2), days)).toBe(false);
  });
});
