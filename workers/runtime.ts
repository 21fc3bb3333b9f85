// Wires worker declarations to the engine's external tasks (camunda-external-task-client-js):
// long polling, fetching only the declared variables, validating them, logging with the
// task's context, and mapping outcomes to complete, BPMN error or failure with back-off. A
// task whose retries run out becomes an incident in Cockpit.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { BasicAuthInterceptor, Client, Variables } from 'camunda-external-task-client-js';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Config } from '../platform/config.ts';
import { createEngineClient } from '../platform/engine-client.ts';
import { typedVariables } from '../platform/engine-variables.ts';
import { timerJobs, type TimerJobs } from '../platform/timers.ts';
import { userTaskLookup } from '../platform/user-tasks.ts';
import { BusinessError, InvalidJobInput, RetryableError, type WorkerDeclaration } from './declaration.ts';
import type { UserTaskLookup } from '../platform/user-tasks.ts';

export type RuntimeOptions = {
  db: Knex;
  log: Logger;
  now?: () => Date;
  userTasks?: UserTaskLookup;
  timers?: TimerJobs;
  // Tasks fetched per poll, across all topics.
  maxTasks?: number;
  // How long a poll waits at the engine for a task to appear (long polling).
  asyncResponseTimeoutMs?: number;
};

// Attempts a task gets before it becomes an incident, unless the model says otherwise.
export const defaultAttempts = 5;

const ajv = new Ajv({ allErrors: true, coerceTypes: false });
addFormats.default(ajv);

// Waits longer after each failed attempt, counted from the attempts a task gets.
export function retryBackoffMs(retriesLeft: number): number {
  return Math.min(60_000, 1_000 * 2 ** Math.max(0, defaultAttempts - retriesLeft));
}

// What Cockpit shows a process owner about a failed task (the incident's message), in
// Norwegian and without the technical detail: an error's own message may hold SQL, ids or
// English, so it goes to the failure's details (Cockpit's stack trace view) and the log instead.
const failureReasons = {
  invalidVariables: 'Oppgaven fikk ufullstendige eller ugyldige opplysninger fra saksprosessen og kan ikke utføres.',
  invalidInput: 'Oppgaven kan ikke utføres med opplysningene saken har nå.',
  notReady: 'Opplysninger oppgaven trenger, er ikke klare ennå.',
  programError: 'Oppgaven feilet på grunn av en programfeil.',
  technical: 'Oppgaven feilet på grunn av en teknisk feil (database, nettverk eller en annen tjeneste).',
} as const;
type FailureKind = keyof typeof failureReasons;

function failureKind(error: unknown): FailureKind {
  if (error instanceof InvalidJobInput) return 'invalidInput';
  if (error instanceof RetryableError) return 'notReady';
  if (error instanceof TypeError) return 'programError';
  return 'technical';
}

function failureMessage(kind: FailureKind, retriesLeft: number): string {
  const next = retriesLeft > 0 ? 'Den prøves igjen automatisk.' : 'Se feildetaljene, og prøv på nytt i Cockpit når årsaken er rettet.';
  return `${failureReasons[kind]} ${next}`;
}

// The engine gives a task's variables as they were stored; a variable set to null is absent
// to the handler, as it would be in a JSON body without it.
function presentVariables(all: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(all).filter(([, value]) => value !== null && value !== undefined));
}

export function startWorkers(engine: Config['engine'], declarations: WorkerDeclaration[], options: RuntimeOptions) {
  const now = options.now ?? (() => new Date());
  const userTasks = options.userTasks ?? userTaskLookup(createEngineClient(engine));
  const timers = options.timers ?? timerJobs(createEngineClient(engine));
  const client = new Client({
    baseUrl: `${engine.url}/engine-rest`,
    workerId: `hds-workers-${process.pid}`,
    interceptors: new BasicAuthInterceptor({ username: engine.user, password: engine.password }),
    maxTasks: options.maxTasks ?? 32,
    asyncResponseTimeout: options.asyncResponseTimeoutMs ?? 10_000,
    interval: 100,
    usePriority: false,
    autoPoll: false,
  });
  client.on('poll:error', (error: unknown) => options.log.warn({ err: String(error) }, 'engine not reachable for external tasks; polling again'));
  client.on('complete:error', (_task: unknown, error: unknown) => options.log.warn({ err: String(error) }, 'engine refused a task completion'));

  // One task of a declaration's topic: validate, run the handler, answer the engine.
  async function handle(declaration: WorkerDeclaration, validate: ValidateFunction, task: ExternalTask, taskService: TaskService) {
    const variables = presentVariables(task.variables.getAll());
    const log = options.log.child({
      topic: task.topicName,
      taskId: task.id,
      processInstanceId: task.processInstanceId,
      applicationId: variables.applicationId ?? task.businessKey,
    });
    const retriesLeftAfterFailure = (task.retries ?? defaultAttempts) - 1;
    if (!validate(variables)) {
      const detail = `Invalid variables: ${ajv.errorsText(validate.errors)}`;
      log.error({ errors: validate.errors }, 'task input rejected');
      return taskService.handleFailure(task, { errorMessage: failureMessage('invalidVariables', 0), errorDetails: `${detail}\n${JSON.stringify(validate.errors)}`, retries: 0, retryTimeout: 0 });
    }
    const context = {
      db: options.db,
      log,
      now,
      userTasks,
      timers,
      task: { id: task.id, processInstanceId: task.processInstanceId, retries: task.retries ?? defaultAttempts },
    };
    try {
      const output = await declaration.handler(variables, context);
      await taskService.complete(task, new Variables().setAllTyped(typedVariables(output)));
      log.info('task completed');
    } catch (error) {
      if (error instanceof BusinessError) {
        log.info({ errorCode: error.code }, 'task ended with a business error');
        return taskService.handleBpmnError(task, error.code, error.message, new Variables().setAllTyped(typedVariables(error.variables)));
      }
      // Bad input, or a result that is not primitive variables (TypeError): no retry changes it.
      const retries = error instanceof InvalidJobInput || error instanceof TypeError ? 0 : Math.max(0, retriesLeftAfterFailure);
      log.warn({ err: error, retriesLeft: retries }, 'task failed');
      return taskService.handleFailure(task, {
        errorMessage: failureMessage(failureKind(error), retries),
        errorDetails: error instanceof Error ? (error.stack ?? error.message) : String(error),
        retries,
        retryTimeout: retryBackoffMs(retries),
      });
    }
  }

  // Tasks being handled: shutdown waits for them, so none is left half done by this process.
  const inFlight = new Set<Promise<unknown>>();
  for (const declaration of declarations) {
    const validate = ajv.compile(declaration.input);
    client.subscribe(
      declaration.topic,
      { lockDuration: declaration.timeoutMs ?? 30_000, variables: Object.keys(declaration.input.properties) },
      ({ task, taskService }: { task: ExternalTask; taskService: TaskService }) => {
        const handling = handle(declaration, validate, task, taskService).finally(() => inFlight.delete(handling));
        inFlight.add(handling);
        return handling;
      },
    );
  }
  client.start();
  return {
    async close() {
      client.stop();
      await Promise.allSettled([...inFlight]);
    },
  };
}

// The few parts of the client's types this runtime uses (its published types are for 1.x).
type ExternalTask = {
  id: string;
  topicName: string;
  processInstanceId: string;
  businessKey: string | null;
  retries: number | null;
  variables: { getAll(): Record<string, unknown> };
};
type TaskService = {
  complete(task: ExternalTask, variables?: unknown): Promise<void>;
  handleFailure(task: ExternalTask, options: { errorMessage: string; errorDetails?: string; retries: number; retryTimeout: number }): Promise<void>;
  handleBpmnError(task: ExternalTask, errorCode: string, errorMessage?: string, variables?: unknown): Promise<void>;
};
