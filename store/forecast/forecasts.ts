// The forecasts of one refresh, from what the history taught and the open cases now: each open
// case's dates and deadline risk, and the backlog per stage and per register (when it clears
// at the current pace, and how many cases are expected to miss their statutory deadline).
import { caseForecasts, forecastMethodVersion, groupForecast, simulate, simulationSettings, type CaseForecast, type DateRange } from '../../domain/forecast/forecast.ts';
import { newApplications } from '../../domain/forecast/new-application.ts';
import { addToGroup, queuedStages, type ForecastHistory } from '../../domain/forecast/history.ts';
import { forecastText } from '../../domain/forecast/text.ts';
import { forecastStages, type ForecastStage } from '../../domain/forecast/stage-visits.ts';
import type { WorkingDayNumbers } from '../../domain/working-day-numbers.ts';
import type { RulebookId } from '../../domain/rulebook/rulebooks.ts';
import type { OpenCaseRecord } from './snapshot.ts';

// Fewer decisions than this in the past year and the history says too little: no forecasts.
const minimumDecisions = 5;

export type BacklogGroup = { key: string; open: number; finishedPerWeek: number | null; clearsOn: string | null; expectedBreaches: number };

export type Forecasts = {
  methodVersion: string;
  cases: { record: OpenCaseRecord; forecast: CaseForecast; text: string }[];
  stages: BacklogGroup[];
  registers: BacklogGroup[];
  // Per register: a new application received today naming it alone.
  newApplications: { registerId: string; decision: DateRange | null; delivery: DateRange | null }[];
};

// The open cases' indexes by each key they have.
function membersBy(open: readonly OpenCaseRecord[], keysOf: (record: OpenCaseRecord) => string[]) {
  const members = new Map<string, number[]>();
  open.forEach((record, i) => keysOf(record).forEach((key) => addToGroup(members, key, i)));
  return members;
}

// newRulebook: the rulebook of a new application received today (the processing-time page's).
export function computeForecasts(history: ForecastHistory, open: readonly OpenCaseRecord[], days: WorkingDayNumbers, newRulebook: RulebookId, settings = simulationSettings): Forecasts | null {
  if (history.decisions < minimumDecisions) return null;
  const cases = open.map((record) => record.forecastCase);
  const simulation = simulate(cases, history, days, settings);
  const forecasts = caseForecasts(simulation, cases, days);

  // Cases each stage's queues finished per week lately (all custodians together in delivery).
  const finishedPerWeek = (stage: ForecastStage) => {
    if (!queuedStages.has(stage)) return null;
    let finished = 0;
    let recentDays = 0;
    for (const [queue, perDay] of history.finishedPerDay) {
      if (queue !== stage && !queue.startsWith(`${stage}:`)) continue;
      finished += perDay.reduce((a, b) => a + b, 0);
      recentDays = perDay.length;
    }
    return recentDays === 0 ? 0 : Math.round((finished / recentDays) * 5 * 10) / 10;
  };
  const byStage = membersBy(open, (record) => [record.forecastCase.stage]);
  const stages = forecastStages
    .filter((stage) => byStage.has(stage))
    .map((stage) => {
      const members = byStage.get(stage)!;
      return { key: stage, open: members.length, finishedPerWeek: finishedPerWeek(stage), ...groupForecast(simulation, members, 'stage', days) };
    });
  const byRegister = membersBy(open, (record) => record.registerIds);
  const registers = [...byRegister.keys()].sort().map((registerId) => {
    const members = byRegister.get(registerId)!;
    return { key: registerId, open: members.length, finishedPerWeek: null, ...groupForecast(simulation, members, 'backlog', days) };
  });
  // In a simulation of their own, so that the open cases' forecasts are what they would be
  // without them (the runs' random draws would otherwise fall differently).
  const arriving = newApplications(days.dayOf(0), newRulebook);
  const withArriving = [...cases, ...arriving.map((a) => a.forecastCase)];
  const arrivingForecasts = caseForecasts(simulate(withArriving, history, days, settings), withArriving, days).slice(cases.length);
  return {
    methodVersion: forecastMethodVersion,
    cases: open.map((record, i) => ({ record, forecast: forecasts[i]!, text: forecastText(forecasts[i]!, record.forecastCase.statutoryDueOn) })),
    stages,
    registers,
    newApplications: arriving.map(({ registerId }, i) => ({ registerId, decision: arrivingForecasts[i]!.decision, delivery: arrivingForecasts[i]!.delivery })),
  };
}
