// The engine's REST API as tests use it: user tasks as the engine's users see and complete
// them, process state and the path taken from the engine's history, timers and incidents.
// The engine writes history as it goes, so what a test reads is current, not eventually so.
import { createEngineClient, type EngineClient } from '../../platform/engine-client.ts';
import { typedVariables } from '../../platform/engine-variables.ts';
import { eventually, testConfig } from './harness.ts';

const config = testConfig();
export const engine = createEngineClient(config.engine);

// A development login of the local engine (profile local-users): its password is its name.
export function engineAs(user: string): EngineClient {
  return createEngineClient({ ...config.engine, user, password: user });
}

export type UserTask = {
  id: string;
  name: string;
  taskDefinitionKey: string;
  processInstanceId: string;
  assignee: string | null;
  due: string | null;
  formKey: string | null;
  camundaFormRef: unknown;
};

export async function openUserTasks(processInstanceId: string): Promise<UserTask[]> {
  return engine.call<UserTask[]>('GET', `/task?processInstanceId=${processInstanceId}`);
}

export async function findUserTask(processInstanceId: string, taskDefinitionKey: string): Promise<UserTask> {
  return eventually(async () => (await openUserTasks(processInstanceId)).find((t) => t.taskDefinitionKey === taskDefinitionKey), {
    what: `user task ${taskDefinitionKey} in instance ${processInstanceId}`,
  });
}

// As Tasklist does it: the user claims the task, then completes it with the form's values.
export async function assignAndComplete(task: UserTask, user: string, variables: Record<string, unknown> = {}) {
  const asUser = engineAs(user);
  await asUser.call('POST', `/task/${task.id}/claim`, { userId: user });
  await asUser.call('POST', `/task/${task.id}/complete`, { variables: typedVariables(variables) });
}

export type HistoricProcessInstance = { id: string; processDefinitionKey: string; processDefinitionVersion: number; state: string; businessKey: string };

export async function findProcessInstance(processInstanceId: string): Promise<HistoricProcessInstance | undefined> {
  const [found] = await engine.call<HistoricProcessInstance[]>('GET', `/history/process-instance?processInstanceId=${processInstanceId}`);
  return found;
}

// ACTIVE, COMPLETED, SUSPENDED, EXTERNALLY_TERMINATED or INTERNALLY_TERMINATED.
export function waitForProcessInstanceState(processInstanceId: string, state: string, timeoutMs = 30_000) {
  return eventually(async () => (await findProcessInstance(processInstanceId))?.state === state, {
    what: `process instance ${processInstanceId} to be ${state}`,
    timeoutMs,
  });
}

// Messages as the outbox relay sends them: to the case with this business key.
export async function correlateMessage(name: string, businessKey: string, variables: Record<string, unknown> = {}, localCorrelationKeys?: Record<string, string>) {
  await engine.call('POST', '/message', {
    messageName: name,
    businessKey,
    processVariables: typedVariables(variables),
    localCorrelationKeys: localCorrelationKeys && typedVariables(localCorrelationKeys),
  });
}

export type ActivityInstance = { activityId: string; activityType: string; startTime: string; endTime: string | null; canceled: boolean };

// The path taken, in the order the engine entered each element.
export async function flowNodes(processInstanceId: string): Promise<ActivityInstance[]> {
  return engine.call<ActivityInstance[]>('GET', `/history/activity-instance?processInstanceId=${processInstanceId}&sortBy=occurrence&sortOrder=asc`);
}

// Waits until the instance has passed (or, with 'ACTIVE', reached) an element.
export function waitForElement(processInstanceId: string, activityId: string, state: 'ACTIVE' | 'COMPLETED' = 'COMPLETED', timeoutMs = 30_000) {
  return eventually(
    async () => (await flowNodes(processInstanceId)).some((n) => n.activityId === activityId && (state === 'ACTIVE' ? !n.endTime : !!n.endTime)),
    { what: `${activityId} to be ${state} in instance ${processInstanceId}`, timeoutMs },
  );
}

export type Job = { id: string; dueDate: string | null; retries: number; exceptionMessage: string | null };

// The timer job of a timer event (its activity id) waiting in the instance.
export async function findTimer(processInstanceId: string, activityId: string): Promise<Job> {
  return eventually(
    async () => {
      const [job] = await engine.call<Job[]>('GET', `/job?processInstanceId=${processInstanceId}&activityId=${activityId}&timers=true`);
      return job;
    },
    { what: `timer ${activityId} in instance ${processInstanceId}` },
  );
}

// Fires a timer now instead of at its due date. A worker's completion may update the same
// execution at that moment; the engine then rolls the job back (optimistic locking), as its own
// job executor would, and the timer is fired again.
export async function fireTimer(job: Job) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await engine.call('POST', `/job/${job.id}/execute`);
    } catch (error) {
      if (attempt >= 5 || !String((error as Error).message).includes('updated by another transaction concurrently')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

export type Incident = { id: string; activityId: string; incidentType: string; incidentMessage: string | null };

export async function incidents(processInstanceId: string): Promise<Incident[]> {
  return engine.call<Incident[]>('GET', `/incident?processInstanceId=${processInstanceId}`);
}

export type DecisionInstance = {
  id: string;
  decisionDefinitionId: string;
  processInstanceId: string | null;
  outputs: { ruleId: string; variableName: string; value: unknown }[];
};

// The evaluations of decisions the engine recorded (query: history filters such as
// processInstanceId=...), newest first, each with the outputs of the rules that matched.
export async function decisionInstances(query: string): Promise<DecisionInstance[]> {
  return engine.call<DecisionInstance[]>('GET', `/history/decision-instance?${query}&includeOutputs=true&sortBy=evaluationTime&sortOrder=desc`);
}

// The rules of a decision table that matched in one evaluation, in table order.
export function matchedRules(instance: DecisionInstance): string[] {
  return [...new Set(instance.outputs.map((o) => o.ruleId))];
}

// Evaluates the latest version of a decision as a business rule task would. The answer has
// the outputs only; which rules matched comes from the evaluation the engine just recorded
// (while a test file runs, nothing else evaluates decisions without a case).
export async function evaluateDecision(key: string, variables: Record<string, unknown>) {
  const results = await engine.call<Record<string, { value: unknown }>[]>('POST', `/decision-definition/key/${key}/evaluate`, { variables: typedVariables(variables) });
  const [latest] = await decisionInstances(`decisionDefinitionKey=${key}&maxResults=1`);
  if (!latest || latest.processInstanceId !== null) throw new Error(`The engine recorded no evaluation of ${key} without a case`);
  return {
    results: results.map((result) => Object.fromEntries(Object.entries(result).map(([name, typed]) => [name, typed.value]))),
    matchedRules: matchedRules(latest),
  };
}

// Waits until the instance waits for a message (count executions, e.g. one per custodian).
// The relay sends a message once per round, so a test posts only when the case waits for it.
export function waitForMessageSubscription(processInstanceId: string, messageName: string, count = 1) {
  return eventually(
    async () => {
      const query = new URLSearchParams({ processInstanceId, eventName: messageName, eventType: 'message' });
      return (await engine.call<unknown[]>('GET', `/event-subscription?${query}`)).length >= count;
    },
    { what: `instance ${processInstanceId} to wait for message ${messageName}` },
  );
}
