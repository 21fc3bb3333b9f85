// The worker runtime (workers/runtime.ts) against the real engine: a handler's result becomes
// typed process variables, a BusinessError a BPMN error the model catches, a RetryableError a
// failure with one attempt fewer and a back-off, and input no retry can fix an incident at
// once. What Cockpit shows a process owner (the failure's message) is Norwegian and free of the
// error's own text, which may hold SQL; that text goes to the failure's details.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployResources } from '../../../platform/deploy.ts';
import { BusinessError, defineWorker, InvalidJobInput, RetryableError } from '../../../workers/declaration.ts';
import { defaultAttempts, startWorkers } from '../../../workers/runtime.ts';
import { engine, findUserTask, flowNodes, incidents, waitForProcessInstanceState } from '../engine.ts';
import { eventually, log, startHarness, testConfig, type Harness } from '../harness.ts';

type Outcome = 'complete' | 'refuse' | 'retry' | 'invalid' | 'crash';

// An error as knex gives it when PostgreSQL refuses a statement.
const sqlError = 'insert into "decisions" ("application_id") values ($1) - duplicate key value violates unique constraint "decisions_pkey"';

const runtimeCheck = defineWorker<{ outcome: Outcome; amount?: number }, Record<string, unknown>>({
  topic: 'runtime-check',
  input: {
    type: 'object',
    properties: { outcome: { type: 'string', enum: ['complete', 'refuse', 'retry', 'invalid', 'crash'] }, amount: { type: 'integer' } },
    required: ['outcome'],
  },
  async handler({ outcome, amount }) {
    if (outcome === 'refuse') throw new BusinessError('refused', 'Refused on purpose');
    if (outcome === 'retry') throw new RetryableError('Not visible yet');
    if (outcome === 'invalid') throw new InvalidJobInput('Nothing a retry can fix');
    if (outcome === 'crash') throw new Error(sqlError);
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

// The failure's details (plain text: Cockpit's stack trace view).
async function errorDetails(externalTaskId: string): Promise<string> {
  const { url, user, password } = testConfig().engine;
  const res = await fetch(`${url}/engine-rest/external-task/${externalTaskId}/errorDetails`, { headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } });
  expect(res.status).toBe(200);
  return res.text();
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
    expect(failed.errorMessage).toBe('Opplysninger oppgaven trenger, er ikke klare ennå. Den prøves igjen automatisk.');
    expect(await errorDetails(failed.id)).toMatch(/^RetryableError: Not visible yet/);
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
      const reason = variables.outcome === 'invalid' ? 'Oppgaven kan ikke utføres med opplysningene saken har nå.' : 'Oppgaven fikk ufullstendige eller ugyldige opplysninger fra saksprosessen og kan ikke utføres.';
      expect(incident!.incidentMessage).toBe(`${reason} Se feildetaljene, og prøv på nytt i Cockpit når årsaken er rettet.`);
      const failed = await externalTask(id);
      expect(failed?.retries).toBe(0);
      expect(await errorDetails(failed!.id)).toMatch(variables.outcome === 'invalid' ? /Nothing a retry can fix/ : /Invalid variables/);
      await engine.call('DELETE', `/process-instance/${id}`);
    }
  });

  it('ends a failure with SQL in an incident whose message is Norwegian, the SQL kept in the details', async () => {
    const id = await start({ outcome: 'crash' });
    const first = await eventually(async () => {
      const task = await externalTask(id);
      return task?.errorMessage ? task : undefined;
    }, { what: 'the first failure' });
    expect(first.errorMessage).toBe('Oppgaven feilet på grunn av en teknisk feil (database, nettverk eller en annen tjeneste). Den prøves igjen automatisk.');
    // The last attempt: its failure becomes the incident.
    await engine.call('PUT', `/external-task/${first.id}/retries`, { retries: 1 });
    const [incident] = await eventually(async () => {
      const found = await incidents(id);
      return found.length ? found : undefined;
    }, { what: 'the incident', timeoutMs: 20_000 });
    expect(incident!.incidentMessage).toBe('Oppgaven feilet på grunn av en teknisk feil (database, nettverk eller en annen tjeneste). Se feildetaljene, og prøv på nytt i Cockpit når årsaken er rettet.');
    expect(incident!.incidentMessage).not.toMatch(/insert|select|update|delete|constraint|Error/i);
    expect(await errorDetails(first.id)).toContain(sqlError);
    await engine.call('DELETE', `/process-instance/${id}`);
  });
});
