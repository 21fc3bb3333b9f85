// The whole chain on the real engine and database: the API accepts a case, the relay starts
// the process, a worker registers it in PostgreSQL, a caseworker completes the completeness
// task as Tasklist would (claim, then complete), and the engine moves the case on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignAndComplete, engine, findProcessInstance, findUserTask, waitForElement } from '../engine.ts';
import { startCase, startHarness, type Harness } from '../harness.ts';
import { bearer } from '../auth.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('application slice', () => {
  it('runs from intake through the completeness task to the next step', async () => {
    const { id, reference, processInstanceId } = await startCase(h);
    expect(await findProcessInstance(processInstanceId)).toMatchObject({ businessKey: id, processDefinitionKey: 'hds-application', state: 'ACTIVE' });

    const task = await findUserTask(processInstanceId, 'check-completeness');
    const links = await engine.call<{ groupId: string; type: string }[]>('GET', `/task/${task.id}/identity-links`);
    expect(links.filter((l) => l.type === 'candidate').map((l) => l.groupId)).toEqual(['saksbehandler']);
    // The linked Camunda Form was deployed with the model.
    const form = await engine.call<{ id: string }>('GET', `/task/${task.id}/deployed-form`);
    expect(form.id).toBe('completeness-check');

    await assignAndComplete(task, 'saksbehandler', { isComplete: 'yes' });
    await waitForElement(processInstanceId, 'check-completeness', 'COMPLETED');
    await findUserTask(processInstanceId, 'legal-assessment');

    const detail = (await h.app.inject({ method: 'GET', url: `/applications/${id}`, headers: bearer('caseworker') })).json();
    expect(detail).toMatchObject({ reference, status: 'in-assessment', processInstanceId });
    expect(detail.timeline.map((e: { step: string }) => e.step.replace(/:[0-9a-f-]+$/, ''))).toEqual([
      'received', 'registered', 'earlier-decision-checked', 'public-summary-approved', 'routed', 'rek-checked', 'statutory-clock-started',
    ]);
  });
});
