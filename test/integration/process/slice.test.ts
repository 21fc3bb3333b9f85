// The whole chain on the real engine and database: the API accepts a case, the relay starts
// the process, a worker registers it in PostgreSQL, a caseworker's user task is completed
// over the engine's REST API, and the engine's search reports the instance moved on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeUserTask, findUserTask, waitForElement, waitForProcessInstanceState } from '../engine.ts';
import { startCase, startHarness, type Harness } from '../harness.ts';
import { bearer } from '../auth.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('application slice', () => {
  it('runs from intake through the completeness task to the next step', async () => {
    const { id, reference, processInstanceKey } = await startCase(h);
    expect(processInstanceKey).toMatch(/^\d+$/);

    const task = await findUserTask(processInstanceKey, 'check-completeness');
    expect(task.candidateGroup).toEqual(['saksbehandler']);
    expect(task.formKey).toBeTruthy(); // the linked Camunda Form was deployed with the model
    await waitForProcessInstanceState('hds-application', processInstanceKey, 'ACTIVE');

    await completeUserTask(task.key, { isComplete: 'yes' });
    await waitForElement(processInstanceKey, 'check-completeness', 'COMPLETED');
    await findUserTask(processInstanceKey, 'legal-assessment');

    const detail = (await h.app.inject({ method: 'GET', url: `/applications/${id}`, headers: bearer('caseworker') })).json();
    expect(detail).toMatchObject({ reference, status: 'in-assessment', processInstanceKey });
    expect(detail.timeline.map((e: { step: string }) => e.step.replace(/:\d+$/, ''))).toEqual([
      'received', 'registered', 'routed', 'rek-checked', 'statutory-clock-started',
    ]);
  });
});
