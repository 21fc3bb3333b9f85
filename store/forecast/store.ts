// The stored forecasts: written by each refresh, read by the case view and GET /stats, so no
// request ever computes one.
import type { Knex } from 'knex';
import type { DateRange } from '../../domain/forecast/forecast.ts';
import { forecastStages } from '../../domain/forecast/stage-visits.ts';
import type { BacklogGroup, Forecasts } from './forecasts.ts';

type Db = Knex | Knex.Transaction;

// PostgreSQL takes at most 65,535 values a statement.
const rowsPerInsert = 2_000;

// Replaces the stored forecasts with a refresh's: every open case's row written afresh (what
// the engine was last given stays), the rows of cases no longer open removed, the backlog's
// rows replaced.
export async function storeForecasts(tx: Knex.Transaction, forecasts: Forecasts, computedAt: Date) {
  const rows = forecasts.cases.map(({ record, forecast, text }) => ({
    application_id: record.id,
    decision_median: forecast.decision?.median ?? null,
    decision_from: forecast.decision?.from ?? null,
    decision_to: forecast.decision?.to ?? null,
    delivery_median: forecast.delivery?.median ?? null,
    delivery_from: forecast.delivery?.from ?? null,
    delivery_to: forecast.delivery?.to ?? null,
    breach_probability: forecast.breachProbability,
    deadline_at_risk: forecast.deadlineAtRisk,
    forecast_text: text,
    method_version: forecasts.methodVersion,
    computed_at: computedAt,
  }));
  for (let i = 0; i < rows.length; i += rowsPerInsert) {
    const batch = rows.slice(i, i + rowsPerInsert);
    await tx('case_forecasts').insert(batch).onConflict('application_id').merge(Object.keys(batch[0]!).filter((c) => c !== 'application_id'));
  }
  await tx('case_forecasts').whereNot('computed_at', computedAt).delete();
  await tx('backlog_forecasts').delete();
  const backlog = (scope: string, groups: BacklogGroup[]) =>
    groups.map((g) => ({ scope, key: g.key, open: g.open, finished_per_week: g.finishedPerWeek, clears_on: g.clearsOn, expected_breaches: g.expectedBreaches, method_version: forecasts.methodVersion, computed_at: computedAt }));
  const backlogRows = [...backlog('stage', forecasts.stages), ...backlog('register', forecasts.registers)];
  if (backlogRows.length > 0) await tx('backlog_forecasts').insert(backlogRows);
  await tx('new_application_forecasts').delete();
  const arriving = forecasts.newApplications.map(({ registerId, decision, delivery }) => ({
    register_id: registerId,
    decision_median: decision?.median ?? null,
    decision_from: decision?.from ?? null,
    decision_to: decision?.to ?? null,
    delivery_median: delivery?.median ?? null,
    delivery_from: delivery?.from ?? null,
    delivery_to: delivery?.to ?? null,
    method_version: forecasts.methodVersion,
    computed_at: computedAt,
  }));
  if (arriving.length > 0) await tx('new_application_forecasts').insert(arriving);
}

// No history to learn from: no forecasts, rather than old ones.
export async function clearForecasts(tx: Knex.Transaction) {
  await tx('case_forecasts').delete();
  await tx('backlog_forecasts').delete();
  await tx('new_application_forecasts').delete();
}

const dateColumns = ['decision_median', 'decision_from', 'decision_to', 'delivery_median', 'delivery_from', 'delivery_to'].map((c) => `${c}::text as ${c}`);

const rangeOf = (median: string | null, from: string | null, to: string | null): DateRange | null => (median && from && to ? { median, from, to } : null);

// A case's forecast as GET /applications/{id} shows it; null when it has none.
export async function readCaseForecast(db: Db, applicationId: string) {
  const row = await db('case_forecasts')
    .where({ application_id: applicationId })
    .first(db.raw(dateColumns.join(', ')), 'breach_probability', 'deadline_at_risk', 'method_version', 'computed_at');
  if (!row) return null;
  return {
    decision: rangeOf(row.decision_median, row.decision_from, row.decision_to),
    delivery: rangeOf(row.delivery_median, row.delivery_from, row.delivery_to),
    deadlineAtRisk: row.deadline_at_risk as boolean,
    breachProbability: row.breach_probability as number | null,
    methodVersion: row.method_version as string,
    computedAt: new Date(row.computed_at).toISOString(),
  };
}

// The backlog forecast of GET /stats; null before the first refresh with enough history.
export async function readBacklogForecast(db: Db) {
  const rows = await db('backlog_forecasts').select('scope', 'key', 'open', 'finished_per_week', db.raw('clears_on::text as clears_on'), 'expected_breaches', 'method_version', 'computed_at');
  if (rows.length === 0) return null;
  const groups = (scope: string, name: string) =>
    rows
      .filter((r) => r.scope === scope)
      .map((r) => ({ [name]: r.key, open: r.open, finishedPerWeek: r.finished_per_week, clearsOn: r.clears_on, expectedBreaches: r.expected_breaches }));
  return {
    methodVersion: rows[0].method_version as string,
    computedAt: new Date(rows[0].computed_at).toISOString(),
    stages: groups('stage', 'stage').sort((a, b) => forecastStages.indexOf(a.stage) - forecastStages.indexOf(b.stage)),
    registers: groups('register', 'registerId').sort((a, b) => String(a.registerId).localeCompare(String(b.registerId))),
  };
}

export type NewApplicationForecast = { registerId: string; decision: DateRange | null; delivery: DateRange | null; computedAt: Date };

// What a new application received on the day of the latest refresh can expect, per register;
// empty before the first refresh with enough history.
export async function readNewApplicationForecasts(db: Db): Promise<NewApplicationForecast[]> {
  const rows = await db('new_application_forecasts').select('register_id', db.raw(dateColumns.join(', ')), 'computed_at');
  return rows.map((row) => ({
    registerId: row.register_id,
    decision: rangeOf(row.decision_median, row.decision_from, row.decision_to),
    delivery: rangeOf(row.delivery_median, row.delivery_from, row.delivery_to),
    computedAt: new Date(row.computed_at),
  }));
}

// Open cases with a process instance whose stored flag or text differs from what the instance
// was last given.
export function casesToTellTheEngine(db: Db) {
  return db('case_forecasts as f')
    .join('applications as a', 'a.id', 'f.application_id')
    .whereNotNull('a.process_instance_id')
    .where((q) => q.whereRaw('f.engine_deadline_at_risk is distinct from f.deadline_at_risk').orWhereRaw('f.engine_forecast_text is distinct from f.forecast_text'))
    .select('f.application_id as applicationId', 'a.process_instance_id as processInstanceId', 'f.deadline_at_risk as deadlineAtRisk', 'f.forecast_text as forecastText');
}

export async function markToldTheEngine(db: Db, applicationId: string, deadlineAtRisk: boolean, forecastText: string) {
  await db('case_forecasts').where({ application_id: applicationId }).update({ engine_deadline_at_risk: deadlineAtRisk, engine_forecast_text: forecastText });
}
