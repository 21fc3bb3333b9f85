// Gives each case's process instance its forecast: deadlineAtRisk (Tasklist's filter "Frist i
// fare" lists the tasks of the instances where it is true) and forecastText (the forms show
// it). Only what changed since the instance was last told is sent.
import type { Logger } from 'pino';
import type { Knex } from 'knex';
import { EngineError, type EngineClient } from '../../platform/engine-client.ts';
import { typedVariables } from '../../platform/engine-variables.ts';
import { casesToTellTheEngine, markToldTheEngine } from './store.ts';

async function instanceRuns(engine: EngineClient, processInstanceId: string): Promise<boolean> {
  try {
    await engine.call('GET', `/process-instance/${processInstanceId}`);
    return true;
  } catch (error) {
    if (error instanceof EngineError && error.status === 404) return false;
    throw error;
  }
}

export async function tellTheEngine(db: Knex, engine: EngineClient, log: Logger) {
  let told = 0;
  let failed = 0;
  for (const c of await casesToTellTheEngine(db)) {
    try {
      await engine.call('POST', `/process-instance/${c.processInstanceId}/variables`, {
        modifications: typedVariables({ deadlineAtRisk: c.deadlineAtRisk, forecastText: c.forecastText }),
      });
      told += 1;
    } catch (error) {
      // An instance that has ended has no tasks to list: nothing to tell it, now or later.
      if (await instanceRuns(engine, c.processInstanceId).catch(() => true)) {
        failed += 1;
        log.warn({ err: error, applicationId: c.applicationId }, 'the forecast could not be given to the case instance; tried again at the next refresh');
        continue;
      }
    }
    await markToldTheEngine(db, c.applicationId, c.deadlineAtRisk, c.forecastText);
  }
  return { told, failed };
}
