// Wires worker declarations to the engine's job workers: fetches only the declared variables,
// validates them, logs with the job's context, and maps outcomes to job commands.
import type { Camunda8 } from '@camunda8/sdk';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { userTaskLookup } from '../service/user-tasks.ts';
import { BusinessError, InvalidJobInput, type UserTaskLookup, type WorkerDeclaration } from './declaration.ts';

export type RuntimeOptions = {
  db: Knex;
  log: Logger;
  now?: () => Date;
  userTasks?: UserTaskLookup;
  maxJobsToActivate?: number;
};

const ajv = new Ajv({ allErrors: true, coerceTypes: false });
addFormats.default(ajv);

// Waits longer after each failed attempt, counted from the retries the model allows (5 by default).
export function retryBackoffMs(retriesLeft: number): number {
  return Math.min(60_000, 1_000 * 2 ** Math.max(0, 5 - retriesLeft));
}

export function startWorkers(camunda: Camunda8, declarations: WorkerDeclaration[], options: RuntimeOptions) {
  const zeebe = camunda.getZeebeGrpcApiClient();
  const now = options.now ?? (() => new Date());
  const userTasks = options.userTasks ?? userTaskLookup(camunda);
  const workers = declarations.map((declaration) => {
    const validate = ajv.compile(declaration.input);
    return zeebe.createWorker({
      taskType: declaration.taskType,
      fetchVariable: Object.keys(declaration.input.properties),
      maxJobsToActivate: options.maxJobsToActivate ?? 32,
      timeout: declaration.timeoutMs ?? 60_000,
      taskHandler: async (job) => {
        const variables = { ...job.variables } as Record<string, unknown>;
        const log = options.log.child({
          taskType: job.type,
          jobKey: job.key,
          processInstanceKey: job.processInstanceKey,
          applicationId: variables.applicationId,
        });
        if (!validate(variables)) {
          const errorMessage = `Invalid variables: ${ajv.errorsText(validate.errors)}`;
          log.error({ errors: validate.errors }, 'job input rejected');
          return job.fail({ errorMessage, retries: 0 });
        }
        const context = {
          db: options.db,
          log,
          now,
          userTasks,
          job: { key: job.key, processInstanceKey: job.processInstanceKey, retries: job.retries },
        };
        try {
          const output = await declaration.handler(variables, context);
          log.info('job completed');
          return job.complete(output as Parameters<typeof job.complete>[0]);
        } catch (error) {
          if (error instanceof BusinessError) {
            log.info({ errorCode: error.code }, 'job ended with a business error');
            return job.error(error.code, error.message);
          }
          const message = error instanceof Error ? error.message : String(error);
          const retries = error instanceof InvalidJobInput ? 0 : job.retries - 1;
          log.warn({ err: error, retriesLeft: retries }, 'job failed');
          return job.fail({ errorMessage: message, retries, retryBackOff: retryBackoffMs(retries) });
        }
      },
    });
  });
  return {
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
}
