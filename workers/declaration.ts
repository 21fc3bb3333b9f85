// What a worker file exports: the task type it serves, the variables it reads (as a JSON
// Schema), and a handler that knows nothing of the engine's SDK.
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { TimerJobs } from '../platform/timers.ts';
import type { UserTaskLookup } from '../platform/user-tasks.ts';

export type WorkerContext = {
  db: Knex;
  log: Logger;
  now: () => Date;
  userTasks: UserTaskLookup;
  // The instance's timers, for a worker that moves a deadline the model waits for.
  timers: TimerJobs;
  // The external task: its id, its process instance's id, and the attempts it has left.
  task: { id: string; processInstanceId: string; retries: number };
};

export type JsonSchemaObject = {
  type: 'object';
  properties: Record<string, object>;
  required?: readonly string[];
  additionalProperties?: boolean;
};

export type WorkerDeclaration<In = any, Out extends Record<string, unknown> = Record<string, unknown>> = {
  topic: string;
  input: JsonSchemaObject;
  handler: (input: In, context: WorkerContext) => Promise<Out>;
  // How long the engine locks a task for one worker before another may fetch it (30 s by default).
  timeoutMs?: number;
};

// A business outcome the model handles with an error boundary event (BPMN error), with the
// variables the path it takes reads (e.g. the reason a form shows when a task comes back).
export class BusinessError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly variables: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'BusinessError';
  }
}

// A failure that a later attempt may not meet (e.g. data not yet visible): retried with back-off.
export class RetryableError extends Error {
  override name = 'RetryableError';
}

// Input that no retry can fix: the task fails at once and raises an incident in Cockpit.
export class InvalidJobInput extends Error {
  override name = 'InvalidJobInput';
}

// The input of a task about one case: its application id, plus any other variables named.
export function caseInput(properties: Record<string, object> = {}, required: string[] = []): JsonSchemaObject {
  return {
    type: 'object',
    properties: { applicationId: { type: 'string', format: 'uuid' }, ...properties },
    required: ['applicationId', ...required],
  };
}

export function defineWorker<In, Out extends Record<string, unknown>>(
  declaration: WorkerDeclaration<In, Out>,
): WorkerDeclaration<In, Out> {
  return declaration;
}
