// The worker runtime (workers/runtime.ts) against the real engine: a handler's result becomes
// typed process variables, a BusinessError a BPMN error the model catches, a RetryableError a
// failure with one attempt fewer and a back-off, and input no retry can fix an incident at
// once, with the worker's message, for Cockpit.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployResources } from '../../../service/deploy.ts';
import { BusinessError, defineWorker, InvalidJobInput, RetryableError } from '../../../workers/declaration.ts';
import { defaultAttempts, startWorkers } from '../../../workers/runtime.ts';
import { engine, findUserTask, flowNodes, incidents, waitForProcessInstanceState } from '../engine.ts';
import { eventually, log, startHarness, testConfig, type Harness } from '../harness.ts';

type Outcome = 'complete' | 'refuse' | 'retry' | 'invalid';

const runtimeCheck = defineWorker<{ outcome: Outcome; amount?: number }, Record<string, unknown>>({
  taskType: 'runtime-check',
  input: {
    type: 'object',
    properties: { outcome: { type: 'string', enum: ['complete', 'refuse', 'retry', 'invalid'] }, amount: { type: 'integer' } },
    required: ['outcome'],
  },
  async handler({ outcome, amount }) {
    if (outcome === 'refuse') throw new BusinessError('refused', 'Refused on purpose');
    if (outcome === 'retry') throw new RetryableError('Not visible yet');
    if (outcome === 'invalid') throw new InvalidJobInput('Nothing a retry can fix');
    return { doubled: (amount ?? 0) * 2, ratio: 0.5, label: 'ferdig', flag: true, nothing: null };
  },
});

let h: Harness;
let workers: { close(): Promise<void> };
beforeAll(async () => {
  h = await startHarness({ withWorkers: false });
  const model = readFileSync(new URL('./fixtures/runtime-check.bpmn', import.meta.url));
  await deployResources(h.engine, [{ name: 'runtime-check.bpmn', content: model }], 'runtime-check');
  workers = startWorkers(testConfig().engine, [runtimeCheck], { db: h.db, log, asyncResponseTimeoutMs: 1_000 });
});
afterAll(async () => {
  await workers?.close();
  await h?.close();
});

async function start(variables: Record<string, unknown>) {
  const typed = Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, { value }]));
  const { id } = await engine.call<{ id: string }>('POST', '/process-definition/key/runtime-check/start', { variables: typed });
  return id;
}

const externalTask = async (processInstanceId: string) =>
  (await engine.call<{ id: string; retries: number | null; errorMessage: string | null; lockExpirationTime: string | null }[]>('GET', `/external-task?processInstanceId=${processInstanceId}`))[0];

describe('the worker runtime', () => {
  it('completes a task with the handler result as typed variables', async () => {
    const id = await start({ outcome: 'complete', amount: 21 });
    await findUserTask(id, 'done');
    const variables = await engine.call<Record<string, { type: string; value: unknown }>>('GET', `/process-instance/${id}/variables`);
    expect(variables).toMatchObject({
      doubled: { type: 'Integer', value: 42 },
      ratio: { type: 'Double', value: 0.5 },
      label: { type: 'String', value: 'ferdig' },
      flag: { type: 'Boolean', value: true },
      nothing: { type: 'Null', value: null },
    });
  });

  it('turns a BusinessError into a BPMN error the boundary event catches', async () => {
    const id = await start({ outcome: 'refuse' });
    await waitForProcessInstanceState(id, 'COMPLETED');
    expect((await flowNodes(id)).map((n) => n.activityId)).toEqual(['started', 'work', 'refused', 'refused-end']);
  });

  it('fails a RetryableError with one attempt fewer and a back-off before the next', async () => {
    const id = await start({ outcome: 'retry' });
    const failed = await eventually(async () => {
      const task = await externalTask(id);
      return task?.retries === defaultAttempts - 1 ? task : undefined;
    }, { what: 'the first failure' });
    expect(failed.errorMessage).toBe('Not visible yet');
    // The back-off keeps the task from every worker until it has passed.
    expect(Date.parse(failed.lockExpirationTime!)).toBeGreaterThan(Date.now());
    expect(await incidents(id)).toEqual([]);
    await engine.call('DELETE', `/process-instance/${id}`);
  });

  it('raises an incident at once for input no retry can fix, and for input that fails validation', async () => {
    for (const variables of [{ outcome: 'invalid' }, { outcome: 'unknown' }]) {
      const id = await start(variables);
      const [incident] = await eventually(async () => {
        const found = await incidents(id);
        return found.length ? found : undefined;
      }, { what: `an incident for ${variables.outcome}` });
      expect(incident).toMatchObject({ activityId: 'work', incidentType: 'failedExternalTask' });
      expect(incident!.incidentMessage).toMatch(variables.outcome === 'invalid' ? /Nothing a retry can fix/ : /Invalid variables/);
      expect((await externalTask(id))?.retries).toBe(0);
      await engine.call('DELETE', `/process-instance/${id}`);
    }
  });
});
