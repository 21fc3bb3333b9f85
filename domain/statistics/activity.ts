// The activity report HDS publishes for a period, in total and per register: applications
// received by type, decisions by outcome, days from receipt to decision and to data delivered
// (median and mean), the share decided within the statutory deadline, and the backlog per stage
// at the period's end. Computed from the case file's facts about each case, so that the
// figures are the same whatever store reads them.
import { mean, median } from 'simple-statistics';
import { outcomeTexts } from '../case/earlier-decision.ts';
import { forecastStages, stageVisits, type ForecastStage } from '../forecast/stage-visits.ts';
import { registerName, registers } from '../registers.ts';
import { stages } from '../stages.ts';
import { osloDay, type IsoDate } from '../working-days.ts';

// What the report knows of one case. deliveredAt: when its last custodian delivered its data
// order (null while one has not, or when none was ordered). steps: the audit steps that move
// it between stages, in order.
export type CaseActivity = {
  applicationType: string;
  registerIds: readonly string[];
  receivedAt: Date;
  decision: { outcome: string; decidedAt: Date } | null;
  statutoryDueAt: Date | null;
  deliveredAt: Date | null;
  steps: readonly { step: string; at: Date }[];
};

// Both days inclusive, Norwegian calendar days.
export type ReportPeriod = { from: IsoDate; to: IsoDate };

export type Days = { cases: number; medianDays: number | null; meanDays: number | null };
export type Activity = {
  received: { total: number; byType: Record<string, number> };
  decisions: { total: number; byOutcome: Record<string, number> };
  toDecision: Days;
  toDelivery: Days;
  // Decisions in the period on cases with a statutory deadline, and how many came by it.
  statutoryDeadline: { decided: number; withinDeadline: number; share: number | null };
  backlogAtEnd: { open: number; stages: { code: ForecastStage; name: string; open: number }[] };
};
export type ActivityReport = { period: ReportPeriod; total: Activity; registers: ({ registerId: string; name: string } & Activity)[] };

const dayMs = 86_400_000;
const oneDecimal = (value: number) => Math.round(value * 10) / 10;
const inPeriod = (at: Date, period: ReportPeriod) => {
  const day = osloDay(at);
  return day >= period.from && day <= period.to;
};

export function days(values: readonly number[]): Days {
  if (values.length === 0) return { cases: 0, medianDays: null, meanDays: null };
  return { cases: values.length, medianDays: oneDecimal(median([...values])), meanDays: oneDecimal(mean([...values])) };
}

function count(keys: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

// The stage a case stood in when the period's last day ended; null when it was closed by then
// (or not yet received).
export function stageAtEnd(c: CaseActivity, period: ReportPeriod): ForecastStage | null {
  const visits = stageVisits(c.steps.filter((s) => osloDay(s.at) <= period.to));
  const last = visits.at(-1);
  return last && last.leftAt === null ? last.stage : null;
}

const stageName = (code: ForecastStage) => stages.find((stage) => stage.code === code)?.name ?? code;

export function activity(cases: readonly CaseActivity[], period: ReportPeriod): Activity {
  const received = cases.filter((c) => inPeriod(c.receivedAt, period));
  const decided = cases.filter((c) => c.decision && inPeriod(c.decision.decidedAt, period));
  const delivered = cases.filter((c) => c.deliveredAt && inPeriod(c.deliveredAt, period));
  const withDeadline = decided.filter((c) => c.statutoryDueAt);
  const withinDeadline = withDeadline.filter((c) => c.decision!.decidedAt <= c.statutoryDueAt!).length;
  const open = count(cases.map((c) => stageAtEnd(c, period)).filter((stage): stage is ForecastStage => stage !== null));
  return {
    received: { total: received.length, byType: count(received.map((c) => c.applicationType)) },
    decisions: { total: decided.length, byOutcome: count(decided.map((c) => c.decision!.outcome)) },
    toDecision: days(decided.map((c) => (c.decision!.decidedAt.getTime() - c.receivedAt.getTime()) / dayMs)),
    toDelivery: days(delivered.map((c) => (c.deliveredAt!.getTime() - c.receivedAt.getTime()) / dayMs)),
    statutoryDeadline: {
      decided: withDeadline.length,
      withinDeadline,
      share: withDeadline.length === 0 ? null : Math.round((withinDeadline / withDeadline.length) * 1000) / 1000,
    },
    backlogAtEnd: {
      open: Object.values(open).reduce((sum, n) => sum + n, 0),
      stages: forecastStages.map((code) => ({ code, name: stageName(code), open: open[code] ?? 0 })),
    },
  };
}

// Every register some case names, in the catalogue's order (ones it lacks last).
function registersNamed(cases: readonly CaseActivity[]): string[] {
  const named = new Set(cases.flatMap((c) => c.registerIds));
  const known = registers.map((r) => r.id).filter((id) => named.has(id));
  return [...known, ...[...named].filter((id) => !known.includes(id)).sort()];
}

// cases: every case received by the period's end. A case counts once in the total and once
// for each register it names.
export function activityReport(cases: readonly CaseActivity[], period: ReportPeriod): ActivityReport {
  const relevant = cases.filter((c) => osloDay(c.receivedAt) <= period.to);
  return {
    period,
    total: activity(relevant, period),
    registers: registersNamed(relevant).map((registerId) => ({
      registerId,
      name: registerName(registerId),
      ...activity(
        relevant.filter((c) => c.registerIds.includes(registerId)),
        period,
      ),
    })),
  };
}

// The outcome as the public reads it.
export const outcomeName = (outcome: string) => outcomeTexts[outcome] ?? outcome;

const applicationTypeNames: Record<string, string> = {
  new: 'Ny søknad',
  'anonymous-statistics': 'Anonym statistikk',
  change: 'Endring',
  'data-update': 'Dataoppdatering',
};

// The application type as the public reads it.
export const applicationTypeName = (type: string) => applicationTypeNames[type] ?? type;
