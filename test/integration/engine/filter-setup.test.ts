// An engine starting on a database that holds older Tasklist filters brings them in line with
// the configuration (hds.access.filters): a filter it made that is configured no more is
// removed, one of the same name gets the configured query, and a filter a user made in Tasklist
// stays. Another node of the test run's cluster is started for it (engine/start.sh on the same
// database), so the engine the other tests use keeps running.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stages } from '../../../domain/stages.ts';
import { createEngineClient } from '../../../platform/engine-client.ts';
import { engineNode } from '../drills/engine-node.ts';
import { testConfig } from '../harness.ts';

const admin = createEngineClient({ ...testConfig().engine, user: 'demo', password: 'demo' });
const node = engineNode(Number(process.env.FILTER_SETUP_ENGINE_PORT ?? 8098));

type Filter = { id: string; name: string; query: Record<string, unknown>; properties: Record<string, unknown> };
const filterNamed = async (name: string) => (await admin.call<Filter[]>('GET', `/filter?resourceType=Task&name=${encodeURIComponent(name)}`))[0];
const stale = 'Utgått arbeidsliste (test)';
const own = 'Egen liste (test)';
const assessmentFilter = stages.find((s) => s.userTasks.includes('legal-assessment'))!.name;

beforeAll(async () => {
  for (const name of [stale, own]) {
    const old = await filterNamed(name);
    if (old) await admin.call('DELETE', `/filter/${old.id}`);
  }
  // As an older configuration left them: its own filters marked, one no longer configured,
  // and the assessment's filter listing every caseworker task.
  await admin.call('POST', '/filter/create', { resourceType: 'Task', name: stale, query: { candidateGroup: 'saksbehandler' }, properties: { configuredBy: 'hds.access' } });
  await admin.call('POST', '/filter/create', { resourceType: 'Task', name: own, owner: 'saksbehandler', query: { candidateGroup: 'saksbehandler' }, properties: {} });
  const assessment = (await filterNamed(assessmentFilter))!;
  await admin.call('PUT', `/filter/${assessment.id}`, { ...assessment, query: { candidateGroup: 'saksbehandler', includeAssignedTasks: true } });
  await node.start();
}, 240_000);

afterAll(async () => {
  await node.stop();
  const left = await filterNamed(own);
  if (left) await admin.call('DELETE', `/filter/${left.id}`);
}, 120_000);

describe('Tasklist filters at engine start', () => {
  it('removes a filter the configuration made and no longer names', async () => {
    expect(await filterNamed(stale)).toBeUndefined();
  });

  it('gives a configured filter found by its name the configured query', async () => {
    expect((await filterNamed(assessmentFilter))!.query).toMatchObject({ candidateGroup: 'saksbehandler', taskDefinitionKeyIn: ['legal-assessment', 'assess-statistics-request'] });
  });

  it('keeps a filter a user made', async () => {
    expect(await filterNamed(own)).toMatchObject({ name: own, owner: 'saksbehandler' });
  });
});
