// Keeps the stored forecasts fresh as cases move: every interval it looks whether the case file
// has a new step (or a new day has come), and only then reads the open cases, computes every
// forecast and stores them in one transaction. The past year is learned from once a day. Several processes may run
// it: a PostgreSQL advisory lock lets one compute at a time, and the others skip the round.
// After each round the case instances whose flag or text changed are told, under the lock too
// (the engine is not needed for the forecasts themselves).
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { simulationSettings } from '../../domain/forecast/forecast.ts';
import { osloDay } from '../../domain/working-days.ts';
import type { EngineClient } from '../../platform/engine-client.ts';
import { tellTheEngine } from './engine-sync.ts';
import { learnFromHistory, type ForecastHistory } from '../../domain/forecast/history.ts';
import { forecastDays, newApplicationRulebook, readHistory, readOpenCases } from './snapshot.ts';
import { clearForecasts, storeForecasts } from './store.ts';
import { computeForecasts } from './forecasts.ts';

// The advisory lock's key: any number no other part of the service locks.
export const refreshLock = 1_404_201;

type Deps = { db: Knex; engine: EngineClient; log: Logger; now?: () => Date; settings?: typeof simulationSettings };

export function createForecastRefresh({ db, engine, log, now = () => new Date(), settings = simulationSettings }: Deps) {
  let computedFor: string | undefined;
  // What the history taught, for the day it was learned: it counts only days that have ended,
  // so it holds until midnight.
  let learned: { day: string; history: ForecastHistory } | undefined;

  // The day and the newest audit step: any move of a case writes a step.
  async function caseFileMark(): Promise<string> {
    const row = await db('audit_events').max('id as id').first();
    return `${osloDay(now())}/${row?.id ?? 0}`;
  }

  // Runs `work` in a transaction that holds the lock, unless another process holds it.
  function whileLocked<T>(work: (tx: Knex.Transaction) => Promise<T>): Promise<T | undefined> {
    return db.transaction(async (tx) => {
      const { rows } = await tx.raw('select pg_try_advisory_xact_lock(?) as locked', [refreshLock]);
      return rows[0].locked ? work(tx) : undefined;
    });
  }

  // Computes and stores the forecasts (unless the case file has not changed since the last
  // time, or another process is at it), then tells the engine what changed.
  async function refresh({ force = false } = {}) {
    const mark = await caseFileMark();
    let computed = false;
    if (force || mark !== computedFor) {
      const started = performance.now();
      computed =
        (await whileLocked(async (tx) => {
          const computedAt = now();
          const days = forecastDays(computedAt);
          if (learned?.day !== osloDay(computedAt)) learned = { day: osloDay(computedAt), history: learnFromHistory(await readHistory(tx, days), days) };
          const open = await readOpenCases(tx, computedAt);
          const forecasts = computeForecasts(learned.history, open, days, await newApplicationRulebook(tx), settings);
          if (forecasts) await storeForecasts(tx, forecasts, computedAt);
          else await clearForecasts(tx);
          log.info({ openCases: open.length, forecast: forecasts !== null, ms: Math.round(performance.now() - started) }, 'forecasts refreshed');
          return true;
        })) ?? false;
      if (computed) computedFor = mark;
    }
    // In a transaction of its own, so that a slow engine does not keep the new forecasts from
    // the API; under the lock, so that two processes do not tell the same change at once. What
    // could not be told is told at a later round, even when nothing has moved.
    const engineUpdates = (await whileLocked((tx) => tellTheEngine(tx, engine, log))) ?? { told: 0, failed: 0 };
    return { computed, ...engineUpdates };
  }

  // Refreshes until stopped; a failing round is logged and the next one goes on.
  function start(intervalMs: number) {
    let stopped = false;
    let round: Promise<unknown> = Promise.resolve();
    const run = () => {
      round = round.then(() => (stopped ? undefined : refresh())).catch((err) => log.error({ err }, 'forecast refresh failed'));
    };
    run();
    const timer = setInterval(run, intervalMs);
    return async () => {
      stopped = true;
      clearInterval(timer);
      await round;
    };
  }

  return { refresh, start };
}
