// The engine (engine/) as its users meet it: the REST API answers only
// signed-in users, each group sees only its own tasks and its own Tasklist filters (one per
// stage of a case, named as the stage), process owners reach Cockpit, and on PostgreSQL the
// engine keeps to its own schema.
import { readFileSync } from 'node:fs';
import knex from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stages } from '../../../domain/stages.ts';
import { deployResources } from '../../../platform/deploy.ts';
import { createEngineClient, EngineError, type EngineClient } from '../../../platform/engine-client.ts';
import { testConfig } from '../harness.ts';
import { parallelTasksModel } from './parallel-tasks-model.ts';

const config = testConfig();
const engine = createEngineClient(config.engine);
const as = (user: string) => createEngineClient({ ...config.engine, user, password: user });

// The user tasks of the stages, by their ids in the models. The decision is the approvers';
// every other stage's task the caseworkers'. A caseworker task of no stage must stay out of
// every stage's filter.
const stageTasks = stages.flatMap((stage) => stage.userTasks);
const approverTasks = ['decide-statistics-request', 'make-decision'];
const caseworkerTasks = [...stageTasks.filter((id) => !approverTasks.includes(id)), 'outside-any-stage'].sort();
const allTasks = [...caseworkerTasks, ...approverTasks].sort();

// One process with all those tasks at once.
const fixture = parallelTasksModel('access-check', 'Tilgangskontroll (test)', allTasks.map((id) => ({ id, group: approverTasks.includes(id) ? 'beslutter' : 'saksbehandler' })));

async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (error) {
    if (error instanceof EngineError) return error.status;
    throw error;
  }
}

const deployFixture = (client: EngineClient) => deployResources(client, [{ name: 'access-check.bpmn', content: fixture }], 'access-check');

type Task = { id: string; taskDefinitionKey: string; due: string | null };
const tasksOf = (client: EngineClient, processInstanceId: string) =>
  client.call<Task[]>('GET', `/task?processInstanceId=${processInstanceId}`).then((tasks) => tasks.map((t) => t.taskDefinitionKey).sort());

let instances: { id: string; due: string; reference?: string }[] = [];
beforeAll(async () => {
  await deployFixture(engine);
  // The later deadline is started first, so the order of the filters' lists is the due dates'.
  const dues = ['2031-03-01T12:00:00.000+0000', '2031-01-01T12:00:00.000+0000'];
  instances = [];
  for (const [i, due] of dues.entries()) {
    const reference = `HDS-ACCESS-${Date.now().toString(36).toUpperCase()}-${i}`;
    const started = await engine.call<{ id: string }>('POST', '/process-definition/key/access-check/start', {
      businessKey: `access-check-${due}`,
      variables: {
        due: { value: due, type: 'String' },
        applicationReference: { value: reference, type: 'String' },
        applicantName: { value: 'Åse Ødegård', type: 'String' },
      },
    });
    instances.push({ id: started.id, due, reference });
  }
});

afterAll(async () => {
  for (const { id } of instances) await engine.call('DELETE', `/process-instance/${id}?skipCustomListeners=true`).catch(() => undefined);
});

describe('the engine REST API', () => {
  it('answers only signed-in engine users, except the list of engines (the liveness probe)', async () => {
    const base = `${config.engine.url}/engine-rest`;
    expect((await fetch(`${base}/engine`)).status).toBe(200);
    expect((await fetch(`${base}/process-definition`)).status).toBe(401);
    expect(await statusOf(createEngineClient({ ...config.engine, user: 'nobody', password: 'nobody' }).call('GET', '/process-definition'))).toBe(401);
    expect(await statusOf(engine.call('GET', '/process-definition'))).toBe(200);
  });

  it('lets a caseworker neither deploy models nor start cases', async () => {
    const caseworker = as('saksbehandler');
    expect(await statusOf(deployFixture(caseworker))).toBe(403);
    expect(await statusOf(caseworker.call('POST', '/process-definition/key/access-check/start', {}))).toBe(403);
  });
});

describe('tasks and filters', () => {
  it('shows a caseworker only caseworker tasks and an approver only decision tasks', async () => {
    const { id } = instances[0]!;
    expect(await tasksOf(engine, id)).toEqual(allTasks);
    expect(await tasksOf(as('saksbehandler'), id)).toEqual(caseworkerTasks);
    expect(await tasksOf(as('beslutter'), id)).toEqual(approverTasks);
    expect(await tasksOf(as('allrounder'), id)).toEqual(allTasks);
  });

  it('refuses an approver the caseworker task', async () => {
    const { id } = instances[0]!;
    const [assess] = await as('saksbehandler').call<Task[]>('GET', `/task?processInstanceId=${id}`);
    expect(await statusOf(as('beslutter').call('POST', `/task/${assess!.id}/claim`, { userId: 'beslutter' }))).toBe(403);
  });

  type Filter = { id: string; name: string; query: { sorting?: unknown[] }; properties: { priority: number; variables: { name: string }[] } };
  // The filters a user sees, in Tasklist's order (by priority).
  const filtersOf = async (user: string) => (await as(user).call<Filter[]>('GET', '/filter?resourceType=Task')).sort((a, b) => a.properties.priority - b.properties.priority);
  const stageNames = (tasks: string[]) => stages.filter((s) => s.userTasks.some((id) => tasks.includes(id))).map((s) => s.name);

  // The permit process's tasks (hds-permit), the publication's (hds-publication), the cost estimate's follow-ups (hds-cost-estimate) and the holder's fee (hds-fee-agreement) belong to no stage of a case: their filters follow the stages'.
  const permitFilters = { saksbehandler: ['Oppfølging av sletting', 'Publisering', 'Kostnadsoverslag'], beslutter: ['Tilbakekall av tillatelse', 'Dataholders vederlag'] };

  it('gives each group its own filter per stage, named as the stage, in case order after its own tasks and the deadlines at risk', async () => {
    expect((await filtersOf('saksbehandler')).map((f) => f.name)).toEqual(['Mine oppgaver', 'Frist i fare', ...stageNames(caseworkerTasks), ...permitFilters.saksbehandler]);
    expect((await filtersOf('beslutter')).map((f) => f.name)).toEqual(['Mine oppgaver', 'Frist i fare', ...stageNames(approverTasks), ...permitFilters.beslutter]);
  });

  it("lists in each stage's filter exactly that stage's tasks", async () => {
    const filters = new Map((await filtersOf('allrounder')).map((f) => [f.name, f]));
    for (const stage of stages.filter((s) => s.userTasks.length > 0)) {
      const filter = filters.get(stage.name);
      expect(filter, stage.name).toBeDefined();
      const listed = await as('allrounder').call<Task[]>('POST', `/filter/${filter!.id}/list`, { processInstanceIdIn: instances.map((i) => i.id) });
      expect(listed.map((t) => t.taskDefinitionKey).sort(), stage.name).toEqual(stage.userTasks.flatMap((id) => [id, id]).sort());
    }
  });

  it('lists a stage soonest deadline first, showing the case facts on each card', async () => {
    const caseworker = as('saksbehandler');
    const assessment = stages.find((s) => s.userTasks.includes('legal-assessment'))!;
    const filters = await caseworker.call<Filter[]>('GET', `/filter?resourceType=Task&name=${encodeURIComponent(assessment.name)}`);
    const filter = filters[0]!;
    expect(filter.properties.variables.map((v) => v.name)).toEqual(['applicationReference', 'institutionName', 'sourcesSummary', 'statutoryDeadlineText']);
    // The filter has no order of its own, which the engine would put before the one asked for:
    // Tasklist asks for the deadline, earliest first, unless the user chose another
    // (deadline-sorting.js; test/integration/browser/tasklist-lists.test.ts).
    expect(filter.query.sorting ?? []).toEqual([]);
    const listed = await caseworker.call<Task[]>('POST', `/filter/${filter.id}/list`, { processInstanceIdIn: instances.map((i) => i.id), sorting: [{ sortBy: 'dueDate', sortOrder: 'asc' }] });
    expect(listed.map((t) => t.taskDefinitionKey).sort()).toEqual(['assess-statistics-request', 'assess-statistics-request', 'legal-assessment', 'legal-assessment']);
    const dues = listed.map((t) => Date.parse(t.due!));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(dues[0]).toBe(Date.parse('2031-01-01T12:00:00Z'));
  });
});

describe('rights that fit the roles', () => {
  const claimed = async (user: string, taskKey: string) => {
    const { id } = instances[1]!;
    const [task] = await engine.call<Task[]>('GET', `/task?processInstanceId=${id}&taskDefinitionKey=${taskKey}`);
    await as(user).call('POST', `/task/${task!.id}/claim`, { userId: user });
    return task!;
  };

  it("lets a caseworker work a task but not move its due date, the statutory deadline", async () => {
    const task = await claimed('saksbehandler', 'check-completeness');
    const moved = { name: task.taskDefinitionKey, due: '2040-01-01T12:00:00.000+0000' };
    expect(await statusOf(as('saksbehandler').call('PUT', `/task/${task.id}`, moved))).toBe(403);
    expect((await engine.call<Task>('GET', `/task/${task.id}`)).due).toBe(instances[1]!.due);
    expect(await statusOf(as('saksbehandler').call('POST', `/task/${task.id}/complete`, { variables: {} }))).toBe(200);
  });

  it('does not let an approver move the due date of a decision either', async () => {
    const task = await claimed('beslutter', 'make-decision');
    expect(await statusOf(as('beslutter').call('PUT', `/task/${task.id}`, { name: task.taskDefinitionKey, due: '2040-01-01T12:00:00.000+0000' }))).toBe(403);
  });

  it('lets no caseworker create a free task', async () => {
    expect(await statusOf(as('saksbehandler').call('POST', '/task/create', { name: 'Egen oppgave' }))).toBe(403);
  });

  describe('a process owner', () => {
    const owner = as('prosesseier');
    const variable = (id: string, name: string) => `/process-instance/${id}/variables/${name}`;

    it('reads instances and incidents, but no variable, and can neither change nor delete one', async () => {
      const { id, due } = instances[0]!;
      expect(await statusOf(owner.call('GET', `/process-instance/${id}`))).toBe(200);
      expect(await statusOf(owner.call('GET', `/incident?processInstanceId=${id}`))).toBe(200);
      // Variables carry the applicant's name and the caseworkers' notes.
      expect(await statusOf(owner.call('GET', variable(id, 'applicantName')))).toBe(403);
      expect(await statusOf(owner.call('GET', `/process-instance/${id}/variables`))).toBe(403);
      expect(await owner.call<unknown[]>('GET', `/variable-instance?processInstanceIdIn=${id}`)).toEqual([]);
      expect(await owner.call<unknown[]>('GET', `/history/variable-instance?processInstanceId=${id}`)).toEqual([]);
      expect((await engine.call<unknown[]>('GET', `/history/variable-instance?processInstanceId=${id}`)).length).toBeGreaterThanOrEqual(3);
      expect(await statusOf(owner.call('PUT', variable(id, 'due'), { value: '2040-01-01T12:00:00.000+0000', type: 'String' }))).toBe(403);
      expect(await statusOf(owner.call('PUT', variable(id, 'assessedBy'), { value: 'someone', type: 'String' }))).toBe(403);
      expect(await statusOf(owner.call('POST', `/process-instance/${id}/variables`, { modifications: { due: { value: 'x', type: 'String' } } }))).toBe(403);
      expect(await statusOf(owner.call('DELETE', variable(id, 'due')))).toBe(403);
      expect((await engine.call<{ value: string }>('GET', variable(id, 'due'))).value).toBe(due);
    });

    it('retries a failed external task once its cause is gone', async () => {
      const model = readFileSync(new URL('./fixtures/runtime-check.bpmn', import.meta.url));
      await deployResources(engine, [{ name: 'runtime-check.bpmn', content: model }], 'runtime-check');
      const businessKey = `access-retry-${Date.now()}`;
      const started = await engine.call<{ id: string }>('POST', '/process-definition/key/runtime-check/start', { businessKey });
      instances.push({ id: started.id, due: '' });
      const workerId = 'access-test';
      const [locked] = await engine.call<{ id: string }[]>('POST', '/external-task/fetchAndLock', { workerId, maxTasks: 1, topics: [{ topicName: 'runtime-check', lockDuration: 60_000, businessKey }] });
      await engine.call('POST', `/external-task/${locked!.id}/failure`, { workerId, errorMessage: 'Registeret svarte ikke', retries: 0, retryTimeout: 0 });
      const [incident] = await owner.call<{ incidentType: string }[]>('GET', `/incident?processInstanceId=${started.id}`);
      expect(incident?.incidentType).toBe('failedExternalTask');
      expect(await statusOf(owner.call('PUT', `/external-task/${locked!.id}/retries`, { retries: 1 }))).toBe(200);
      expect(await owner.call<unknown[]>('GET', `/incident?processInstanceId=${started.id}`)).toEqual([]);
    });
  });
});

describe('the web apps', () => {
  // Logs in as the web apps do: first a page for the CSRF cookie, then the login form.
  async function login(user: string, app: 'tasklist' | 'cockpit'): Promise<number> {
    return (await session(user, app)).status;
  }

  async function session(user: string, app: 'tasklist' | 'cockpit'): Promise<{ status: number; headers: Record<string, string> }> {
    const page = await fetch(`${config.engine.url}/operaton/app/tasklist/default/`);
    expect(page.status).toBe(200);
    const cookies = page.headers.getSetCookie().map((c) => c.split(';')[0]!);
    const token = cookies.find((c) => c.startsWith('XSRF-TOKEN='))!.split('=')[1]!;
    const res = await fetch(`${config.engine.url}/operaton/api/admin/auth/user/default/login/${app}`, {
      method: 'POST',
      headers: { cookie: cookies.join('; '), 'x-xsrf-token': token, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: user, password: user }),
    });
    const session = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
    const jar = new Map([...cookies, ...session].map((c) => [c.split('=')[0]!, c]));
    return { status: res.status, headers: { cookie: [...jar.values()].join('; '), 'x-xsrf-token': token, accept: 'application/json' } };
  }

  it('let caseworkers and approvers into Tasklist and process owners into Cockpit, and no one elsewhere', async () => {
    expect(await login('saksbehandler', 'tasklist')).toBe(200);
    expect(await login('beslutter', 'tasklist')).toBe(200);
    expect(await login('prosesseier', 'cockpit')).toBe(200);
    expect(await login('saksbehandler', 'cockpit')).toBe(403);
    expect(await login('prosesseier', 'tasklist')).toBe(403);
  });

  it("give a process owner each running case's reference in Cockpit, and no other variable", async () => {
    const [definition] = await engine.call<{ id: string }[]>('GET', '/process-definition?key=access-check&latestVersion=true');
    const { headers } = await session('prosesseier', 'cockpit');
    const res = await fetch(`${config.engine.url}/operaton/api/cockpit/plugin/hds-cases/default/case-references?processDefinitionId=${definition!.id}`, { headers });
    expect(res.status).toBe(200);
    const body = await res.json();
    const ours = instances.filter((i) => i.reference).map((i) => ({ processInstanceId: i.id, businessKey: `access-check-${i.due}`, reference: i.reference }));
    expect(body).toEqual(expect.arrayContaining(ours));
    expect(JSON.stringify(body)).not.toContain('Ødegård');
    // Signed out, nothing.
    const anonymous = await fetch(`${config.engine.url}/operaton/api/cockpit/plugin/hds-cases/default/case-references?processDefinitionId=${definition!.id}`);
    expect(anonymous.status).toBe(401);
  });
});

describe('on PostgreSQL', () => {
  it('keeps every engine table in the schema operaton, beside the case file', async () => {
    const db = knex({ client: 'pg', connection: process.env.TEST_DATABASE_URL });
    try {
      const { rows } = await db.raw(`select table_schema, count(*)::int as tables from information_schema.tables
                                      where table_name ilike 'act\\_%' group by table_schema`);
      expect(rows).toHaveLength(1);
      expect(rows[0].table_schema).toBe('operaton');
      expect(rows[0].tables).toBeGreaterThanOrEqual(40);
    } finally {
      await db.destroy();
    }
  });
});
