// The engine's REST API (v2) as tests use it: search user tasks and process instances,
// complete a user task. Search reads what the broker exported, so it lags by seconds.
import { eventually, testConfig } from './harness.ts';
import { followEngineClock } from './test-clock.ts';

const restBase = testConfig().camunda.restAddress.replace(/\/$/, '');

async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`${restBase}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export type UserTask = {
  key: string | number;
  state: string;
  elementId: string;
  processInstanceKey: string | number;
  // Named as Camunda 8.6 names them.
  candidateGroup?: string[];
  formKey?: string | number;
  creationDate?: string;
};

// Tasks this test run completed: the search may list them as open for a few seconds more.
const completedKeys = new Set<string>();

export async function findUserTask(processInstanceKey: string, elementId: string, state = 'CREATED'): Promise<UserTask> {
  return eventually(
    async () => {
      const { items } = await post<{ items: UserTask[] }>('/v2/user-tasks/search', { filter: { processInstanceKey } });
      return items.find((t) => t.elementId === elementId && t.state === state && !completedKeys.has(String(t.key)));
    },
    { what: `user task ${elementId} (${state}) in instance ${processInstanceKey}` },
  );
}

export async function completeUserTask(userTaskKey: string | number, variables: Record<string, unknown> = {}) {
  await post(`/v2/user-tasks/${userTaskKey}/completion`, { variables });
  completedKeys.add(String(userTaskKey));
}

export type ProcessInstance = { key: string | number; state: string; bpmnProcessId: string; processDefinitionVersion: number };

// Camunda 8.6's search has no filter by key, so this searches the process's instances in
// every state and picks the one asked for.
export async function findProcessInstance(bpmnProcessId: string, processInstanceKey: string): Promise<ProcessInstance | undefined> {
  const { items } = await post<{ items: ProcessInstance[] }>('/v2/process-instances/search', {
    filter: { bpmnProcessId, running: true, active: true, incidents: true, finished: true, completed: true, canceled: true },
    page: { limit: 1000 },
    sort: [{ field: 'startDate', order: 'desc' }],
  });
  return items.find((i) => String(i.key) === String(processInstanceKey));
}

export async function processInstanceState(bpmnProcessId: string, processInstanceKey: string): Promise<string | undefined> {
  return (await findProcessInstance(bpmnProcessId, processInstanceKey))?.state;
}

export function waitForProcessInstanceState(bpmnProcessId: string, processInstanceKey: string, state: string) {
  return eventually(async () => (await processInstanceState(bpmnProcessId, processInstanceKey)) === state, {
    what: `process instance ${processInstanceKey} to be ${state}`,
  });
}

export async function assignAndComplete(task: UserTask, assignee: string, variables: Record<string, unknown> = {}) {
  await post(`/v2/user-tasks/${task.key}/assignment`, { assignee, allowOverride: true });
  await completeUserTask(task.key, variables);
}

export async function publishMessage(name: string, correlationKey: string, variables: Record<string, unknown> = {}) {
  await post('/v2/messages/publication', { name, correlationKey, variables, timeToLive: 0 });
}

async function clock(method: 'PUT' | 'POST', path: string, body?: unknown) {
  const res = await fetch(`${restBase}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
}

// Moves the engine's clock (it must run with zeebe.clock.controlled), so due timers fire now.
export async function pinClock(at: Date) {
  await clock('PUT', '/v2/clock', { timestamp: at.getTime() });
  followEngineClock(at);
}

export async function resetClock() {
  await clock('POST', '/v2/clock/reset');
  followEngineClock(undefined);
}

type FlowNodeInstance = { flowNodeId: string; state: string; type: string };

export async function flowNodes(processInstanceKey: string): Promise<FlowNodeInstance[]> {
  const { items } = await post<{ items: FlowNodeInstance[] }>('/v2/flownode-instances/search', {
    filter: { processInstanceKey },
    page: { limit: 1000 },
  });
  return items;
}

// Waits until the instance has passed (or, with state ACTIVE, reached) an element.
export function waitForElement(processInstanceKey: string, flowNodeId: string, state = 'COMPLETED') {
  return eventually(
    async () => (await flowNodes(processInstanceKey)).some((n) => n.flowNodeId === flowNodeId && n.state === state),
    { what: `${flowNodeId} to be ${state} in instance ${processInstanceKey}` },
  );
}
