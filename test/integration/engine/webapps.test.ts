// Operate and Tasklist answer, a caseworker can log in, and a Camunda user task can be
// assigned and completed through Tasklist's own API, the path Tasklist's pages take.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForElement } from '../engine.ts';
import { eventually, startCase, startHarness, testConfig, type Harness } from '../harness.ts';

const webapps = testConfig().camunda.webappsUrl.replace(/\/$/, '');

async function login(username = 'demo', password = 'demo'): Promise<string> {
  const res = await fetch(`${webapps}/api/login?username=${username}&password=${password}`, { method: 'POST' });
  expect(res.status).toBe(204);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

function tasklist(cookie: string) {
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${webapps}${path}`, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
    return res.json();
  };
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('Operate and Tasklist', () => {
  it('serve their pages', async () => {
    for (const app of ['operate', 'tasklist']) {
      const res = await fetch(`${webapps}/${app}`);
      expect(res.status, app).toBe(200);
      expect(await res.text(), app).toMatch(/<html/i);
    }
  });

  it('refuse the API without a login and accept the demo user', async () => {
    const anonymous = await fetch(`${webapps}/v1/tasks/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(anonymous.status).toBe(401);
    const call = tasklist(await login());
    expect((await call('GET', '/v1/internal/users/current')).userId).toBe('demo');
  });

  it('let a caseworker complete the completeness task in Tasklist', async () => {
    const { processInstanceKey } = await startCase(h);

    const call = tasklist(await login());
    const task = await eventually(
      async () => {
        const tasks = await call('POST', '/v1/tasks/search', { processInstanceKey, state: 'CREATED' });
        return tasks.find((t: { taskDefinitionId: string }) => t.taskDefinitionId === 'check-completeness');
      },
      { what: 'Tasklist to list the completeness task' },
    );
    expect(task.name).toBe('Vurder om søknaden er komplett');
    expect(task.candidateGroups).toEqual(['saksbehandler']);

    expect((await call('PATCH', `/v1/tasks/${task.id}/assign`, { assignee: 'demo' })).assignee).toBe('demo');
    const completed = await call('PATCH', `/v1/tasks/${task.id}/complete`, {
      variables: [{ name: 'isComplete', value: '"yes"' }],
    });
    expect(completed.taskState).toBe('COMPLETED');
    await waitForElement(processInstanceKey, 'check-completeness', 'COMPLETED');
  });
});
