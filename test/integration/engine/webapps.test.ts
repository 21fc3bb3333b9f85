// Operaton's Tasklist and Cockpit answer, and a caseworker does the completeness check the
// way Tasklist's pages do it: logs in (session cookie plus CSRF token), lists the task,
// opens its Camunda Form with the case's facts, claims it and submits the form, all through
// the web apps' own API under /operaton/api, not the service's REST login.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, waitForElement } from '../engine.ts';
import { eventually, startCase, startHarness, testConfig, type Harness } from '../harness.ts';

const webapps = `${testConfig().engine.url}/operaton`;
const tasklistApi = '/api/engine/engine/default';
// A development login of the local engine (profile local-users) in the group saksbehandler.
const caseworker = 'saksbehandler';

// A browser's visit to the web apps: the cookies it keeps, and the CSRF token (cookie
// XSRF-TOKEN) that the web apps' CSRF filter wants echoed in a header on every POST. The
// token belongs to the session: the login starts a new session, and the next answer sets a
// new token, so the header always takes the latest cookie.
function browserSession() {
  const cookies = new Map<string, string>();
  return async (method: string, path: string, { form, json, accept = 'application/json', csrf = true }: { form?: Record<string, string>; json?: unknown; accept?: string; csrf?: boolean } = {}) => {
    const headers: Record<string, string> = { accept, cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
    const token = cookies.get('XSRF-TOKEN');
    if (csrf && token) headers['x-xsrf-token'] = token;
    if (json !== undefined) headers['content-type'] = 'application/json';
    const body = form ? new URLSearchParams(form) : json === undefined ? undefined : JSON.stringify(json);
    const res = await fetch(`${webapps}${path}`, { method, headers, body, redirect: 'manual' });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return res;
  };
}

type Browser = ReturnType<typeof browserSession>;

// As Tasklist's login page: open a page for the CSRF cookie, then post the login form.
async function logIn(user: string, password = user): Promise<Browser> {
  const browser = browserSession();
  expect((await browser('GET', '/app/tasklist/default/')).status).toBe(200);
  const res = await browser('POST', '/api/admin/auth/user/default/login/tasklist', { form: { username: user, password } });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ userId: user, authorizedApps: expect.arrayContaining(['tasklist']) });
  return browser;
}

// What Tasklist's HTTP client asks for on every call; lists then come with embedded resources.
const hal = 'application/hal+json, application/json; q=0.5';

// A call to Tasklist's engine API that must succeed; its JSON answer (none for 204).
async function call<T = unknown>(browser: Browser, method: string, path: string, json?: unknown, accept?: string): Promise<T> {
  const res = await browser(method, `${tasklistApi}${path}`, { json, accept });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

type ListedTask = { id: string; taskDefinitionKey: string; name: string; assignee: string | null };

type FormComponent = { type: string; key?: string; label?: string; readonly?: boolean; components?: FormComponent[] };

function formFields(components: FormComponent[]): FormComponent[] {
  return components.flatMap((c) => [c, ...formFields(c.components ?? [])]);
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('Operaton web apps', () => {
  it('serve the Tasklist and Cockpit pages', async () => {
    for (const [app, title] of [['tasklist', 'Operaton Tasklist'], ['cockpit', 'Operaton Cockpit']]) {
      const res = await fetch(`${webapps}/app/${app}/default/`);
      expect(res.status, app).toBe(200);
      expect(await res.text(), app).toContain(`<title>${title}</title>`);
    }
  });

  it('refuse their API without a login, and a login form posted without the CSRF token', async () => {
    expect((await fetch(`${webapps}${tasklistApi}/task/count`)).status).toBe(401);
    const browser = browserSession();
    await browser('GET', '/app/tasklist/default/');
    const res = await browser('POST', '/api/admin/auth/user/default/login/tasklist', { form: { username: caseworker, password: caseworker }, csrf: false });
    expect(res.status).toBe(403);
  });

  it("answer a page that does not exist, or one refused, in Norwegian rather than with Spring's Whitelabel page", async () => {
    const html = { accept: 'text/html' };
    const missing = await fetch(`${webapps}/finnes-ikke`, { headers: html });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Fant ikke siden');
    // A form posted without the CSRF token, as a stale page would.
    const refused = await fetch(`${webapps}/api/admin/auth/user/default/login/tasklist`, {
      method: 'POST',
      headers: { ...html, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: caseworker, password: caseworker }),
    });
    expect(refused.status).toBe(403);
    const page = await refused.text();
    expect(page).toContain('Du har ikke tilgang til denne siden');
    expect(page).not.toContain('Whitelabel');
  });

  it('let a caseworker see the completeness task with the case\'s facts, claim it and submit its form', async () => {
    const { id, reference, processInstanceId } = await startCase(h);
    const browser = await logIn(caseworker);

    // The task in the caseworkers' filter, listed as Tasklist lists a filter (as HAL).
    const filters = await call<{ id: string; name: string }[]>(browser, 'GET', '/filter?resourceType=Task');
    const queue = filters.find((f) => f.name === 'Kompletthetsvurdering');
    expect(queue, 'the filter Kompletthetsvurdering').toBeDefined();
    type Listed = { _embedded: { task: (ListedTask & { _embedded?: { variable?: { name: string; value: unknown }[] } })[] } };
    const listed = await eventually(
      async () => {
        const list = await call<Listed>(browser, 'POST', `/filter/${queue!.id}/list?firstResult=0&maxResults=15`, { processInstanceId: processInstanceId }, hal);
        return list._embedded.task.some((t) => t.taskDefinitionKey === 'check-completeness') ? list : undefined;
      },
      { what: 'the completeness task in the filter Kompletthetsvurdering' },
    );
    const task = listed._embedded.task.find((t) => t.taskDefinitionKey === 'check-completeness')!;
    expect(task).toMatchObject({ name: 'Vurder om søknaden er komplett', assignee: null });
    // The card shows the filter's variables: the case reference, institution and sources.
    const card = Object.fromEntries((task._embedded?.variable ?? []).map((v) => [v.name, v.value]));
    expect(card).toMatchObject({ applicationReference: reference, institutionName: expect.stringContaining('Folkehelseinstituttet'), sourcesSummary: expect.stringContaining('(MFR)') });

    // The Camunda Form deployed with the process, in Norwegian, with the facts read-only.
    const form = await call<{ id: string; components: FormComponent[] }>(browser, 'GET', `/task/${task.id}/deployed-form`);
    expect(form.id).toBe('completeness-check');
    const fields = formFields(form.components);
    const field = (key: string) => fields.find((f) => f.key === key);
    expect(field('isComplete')).toMatchObject({ type: 'radio', label: 'Er søknaden komplett?' });
    for (const [key, label] of [
      ['applicationReference', 'Saksnummer'],
      ['applicantName', 'Prosjektleder (søker)'],
      ['institutionName', 'Institusjon (dataansvarlig)'],
      ['projectTitle', 'Prosjekttittel'],
      ['sourcesText', 'Datakilder (register, registerforvalter, periode og variabler)'],
      ['analysisEnvironmentText', 'Analysemiljø'],
      ['receivedText', 'Søknaden mottatt'],
    ]) {
      expect(field(key!), key).toMatchObject({ label, readonly: true });
    }

    // What the form's fields show: the case's facts, as the worker registered them.
    const variables = await call<Record<string, { type: string; value: unknown }>>(browser, 'GET', `/task/${task.id}/form-variables`);
    expect(variables).toMatchObject({
      applicationReference: { type: 'String', value: reference },
      applicantName: { value: 'Kari Nordmann' },
      institutionName: { value: 'Folkehelseinstituttet (org.nr. 983744516)' },
      projectTitle: { value: 'Hjertesykdom etter svangerskapsdiabetes' },
      sourcesText: { value: expect.stringMatching(/\(MFR\)\nRegisterforvalter: Folkehelseinstituttet\nPeriode: 01.01.2000 – 31.12.2020\nVariabler: svangerskapsdiabetes, fodselsaar\n\n.*\(NPR\)/) },
    });
    const readOnlyKeys = fields.filter((f) => f.readonly && f.key).map((f) => f.key!);
    // The deadline is set when the clock starts and the forecast by the forecast refresh; the
    // form hides both until then.
    for (const key of readOnlyKeys) {
      if (key !== 'statutoryDeadlineText' && key !== 'forecastText') expect(variables[key]?.value, key).toEqual(expect.any(String));
    }

    await call(browser, 'POST', `/task/${task.id}/claim`, { userId: caseworker });
    // Tasklist submits every field the form shows: the facts unchanged, and the answers.
    const shown = Object.fromEntries(readOnlyKeys.filter((key) => variables[key]).map((key) => [key, variables[key]]));
    await call(browser, 'POST', `/task/${task.id}/submit-form`, {
      variables: { ...shown, isComplete: { type: 'String', value: 'yes' }, custodianException: { type: 'Boolean', value: false } },
    });

    await waitForElement(processInstanceId, 'check-completeness', 'COMPLETED');
    await waitForElement(processInstanceId, 'legal-assessment', 'ACTIVE');
    const [completed] = await engine.call<{ assignee: string }[]>('GET', `/history/task?taskId=${task.id}`);
    expect(completed?.assignee).toBe(caseworker);
    const row = await h.db('applications').where({ id }).first();
    expect(row.status).toBe('in-assessment');
  });
});
