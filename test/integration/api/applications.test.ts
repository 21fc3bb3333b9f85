import { describe, expect, it } from 'vitest';
import { apiHarness, caseFileCounts, validSubmission } from '../harness.ts';

const h = apiHarness();

describe('POST /applications', () => {
  it('stores the application, its first audit step and the engine command in one go', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/applications', payload: validSubmission });
    expect(res.statusCode).toBe(202);
    const body = res.json();
    expect(res.headers.location).toBe(`/applications/${body.id}`);
    expect(body.reference).toMatch(/^HDS-\d{4}-\d{5}$/);

    const stored = await h.db('applications').where({ id: body.id }).first();
    expect(stored.status).toBe('received');
    expect(stored.submission).toEqual(validSubmission);
    expect(stored.application_type).toBe('new');
    expect(await h.db('application_sources').where({ application_id: body.id }).orderBy('register_id').pluck('register_id')).toEqual(['MFR', 'NPR']);
    expect(await h.db('audit_events').where({ application_id: body.id }).pluck('step')).toEqual(['received']);
    const [command] = await h.db('outbox').where({ application_id: body.id });
    expect(command.command).toBe('publish-message');
    expect(command.payload).toMatchObject({ name: 'application-submitted', messageId: body.id, variables: { applicationId: body.id } });
  });

  it('names every invalid field and writes nothing', async () => {
    const before = await caseFileCounts(h.db);
    const res = await h.app.inject({
      method: 'POST',
      url: '/applications',
      payload: { ...validSubmission, applicationType: 'everything', project: { ...validSubmission.project, title: 'x' }, dataSources: [], extra: true },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = res.json().errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['applicationType', 'dataSources', 'extra', 'project.title']);
    expect(await caseFileCounts(h.db)).toEqual(before);
  });

  it('rejects a body that is not JSON with a problem', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/applications',
      headers: { 'content-type': 'application/json' },
      payload: '{"applicationType":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ status: 400, type: 'https://helsedata.no/problems/bad-request', instance: '/applications' });
  });
});

describe('GET /applications/:id', () => {
  it('answers the case with its type and timeline', async () => {
    const { id, reference } = (await h.app.inject({ method: 'POST', url: '/applications', payload: validSubmission })).json();
    const res = await h.app.inject({ method: 'GET', url: `/applications/${id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, reference, status: 'received', applicationType: 'new', processInstanceKey: null });
    expect(res.json().timeline).toEqual([{ step: 'received', actor: 'integrator', at: expect.any(String) }]);
  });

  it('answers 404 with a problem for an unknown case', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/applications/7d0f1c1e-59d4-4c39-9d51-6a1d8f0e3b2a' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('answers 400 for an id that is not a uuid', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/applications/not-a-uuid' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('params.id');
  });
});
