// The OpenAPI document is generated from the route schemas, is valid OpenAPI 3.1, and
// describes every route, its parameters and its problem answers.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discardPendingCommands, startHarness, type Harness } from '../harness.ts';

let h: Harness;
let doc: Record<string, any>;
beforeAll(async () => {
  h = await startHarness({ withWorkers: false });
  const res = await h.app.inject({ method: 'GET', url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  doc = res.json();
});
afterAll(async () => {
  if (h) await discardPendingCommands(h.db);
  await h?.close();
});

describe('GET /openapi.json', () => {
  it('validates against the OpenAPI 3.1 schema', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(doc.openapi).toBe('3.1.0');
  });

  it('lists the routes and leaves out its own plumbing', () => {
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/applications',
      '/applications/{id}',
      '/applications/{id}/appeals',
      '/applications/{id}/appeals/helseklage-decision',
      '/applications/{id}/cost-estimate/answer',
      '/applications/{id}/cost-estimates/{custodianId}',
      '/applications/{id}/documents',
      '/applications/{id}/documents/{documentId}',
      '/applications/{id}/external-decision',
      '/applications/{id}/journal',
      '/applications/{id}/orders/{custodianId}/delivery',
      '/applications/{id}/statistics-offer/answer',
      '/applications/{id}/supplements',
      '/health/live',
      '/health/ready',
      '/orders',
      '/orders/{orderId}/delivery',
      '/orders/{orderId}/extension',
      '/orders/{orderId}/fee-agreement',
      '/permits',
      '/permits/{id}',
      '/permits/{id}/appeals',
      '/permits/{id}/deletion-confirmation',
      '/permits/{id}/delivery-requests',
      '/permits/{id}/delivery-requests/{requestId}/delivery',
      '/permits/{id}/revocation',
      '/public/applications',
      '/public/decisions',
      '/public/feed',
      '/public/permits',
      '/public/statistics/activity',
      '/public/statistics/processing-times',
      '/stats',
    ]);
    expect(Object.keys(doc.paths['/applications']).sort()).toEqual(['get', 'post']);
    expect(doc.paths['/applications/{id}'].get).toBeDefined();
  });

  it('describes the submission from the same schema that validates it', () => {
    const body = doc.paths['/applications'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['applicationType', 'projectLeader', 'institution', 'dataSources', 'dataKind']));
    expect(body.properties.institution.properties.organisationNumber.format).toBe('organisation-number');
    expect(body.properties.dataSources.items.properties.registerId.enum).toEqual(expect.arrayContaining(['MFR', 'NPR', 'KREFT']));
    expect(body.allOf).toHaveLength(4);
    // A request for anonymised statistics asks for anonymous data only.
    expect(body.allOf[3]).toEqual({ if: { properties: { applicationType: { enum: ['anonymous-statistics'] } }, required: ['applicationType'] }, then: { properties: { dataKind: { enum: ['anonymous'] } } } });
  });

  it('documents the Idempotency-Key header and the list filters', () => {
    const postParams = doc.paths['/applications'].post.parameters.map((p: { in: string; name: string }) => `${p.in}:${p.name}`);
    expect(postParams).toContain('header:idempotency-key');
    const listParams = doc.paths['/applications'].get.parameters.map((p: { name: string }) => p.name).sort();
    expect(listParams).toEqual(['applicationType', 'cursor', 'limit', 'receivedFrom', 'receivedTo', 'registerId', 'status']);
  });

  it('answers errors as problem details, declared once under components', () => {
    expect(doc.components.schemas.ProblemDetails.required).toEqual(['type', 'title', 'status']);
    const invalid = doc.paths['/applications'].post.responses['400'];
    expect(invalid.content['application/problem+json'].schema.$ref).toBe('#/components/schemas/ProblemDetails');
    expect(Object.keys(doc.paths['/applications'].post.responses).sort()).toEqual(['202', '400', '401', '403', '413', '415', '422', '429']);
  });

  it('states the bearer scheme and the scope of every protected operation', () => {
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.paths['/applications'].post.security).toEqual([{ bearer: ['applications:write'] }]);
    expect(doc.paths['/stats'].get.security).toEqual([{ bearer: ['stats:read'] }]);
    expect(doc.paths['/orders'].get.security).toEqual([{ bearer: ['orders:read'] }]);
    expect(doc.paths['/health/ready'].get.security).toBeUndefined();
    expect(doc.paths['/permits'].get.security).toEqual([{ bearer: ['permits:read'] }]);
    expect(doc.paths['/permits/{id}/revocation'].post.security).toEqual([{ bearer: ['decisions:write'] }]);
    expect(doc.paths['/permits/{id}/delivery-requests/{requestId}/delivery'].post.security).toEqual([{ bearer: ['orders:write'] }]);
    for (const path of ['/public/permits', '/public/applications', '/public/decisions', '/public/feed']) expect(doc.paths[path].get.security, path).toBeUndefined();
  });

  it("describes a custodian's confirmation of a delivery with its parameters, body and answers, at the one route and its two older paths", () => {
    const confirm = doc.paths['/orders/{orderId}/delivery'].post;
    const params = confirm.parameters.map((p: { in: string; name: string }) => `${p.in}:${p.name}`);
    expect(params).toEqual(expect.arrayContaining(['header:idempotency-key', 'path:orderId']));
    expect(confirm.security).toEqual([{ bearer: ['orders:write'] }]);
    const periodic = doc.paths['/permits/{id}/delivery-requests/{requestId}/delivery'].post;
    expect(periodic.parameters.map((p: { in: string; name: string }) => `${p.in}:${p.name}`)).toEqual(expect.arrayContaining(['header:idempotency-key', 'path:id', 'path:requestId']));
    for (const route of [confirm, periodic, doc.paths['/applications/{id}/orders/{custodianId}/delivery'].post]) {
      expect(Object.keys(route.requestBody.content['application/json'].schema.properties)).toEqual(['analysisEnvironment']);
      expect(Object.keys(route.responses)).toEqual(expect.arrayContaining(['200', '202', '400', '404', '409', '422']));
      expect(route.responses['202'].content['application/json'].schema.required).toEqual(expect.arrayContaining(['orderId', 'state', 'deliveredAt', 'messageId']));
    }
  });

  it('states the body limit, and the answers to a body too large or not JSON, on every operation that reads one', () => {
    expect(doc.info.description).toContain('at most 262144 bytes');
    const reading = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations as Record<string, any>).filter(([, operation]) => operation.requestBody).map(([method, operation]) => [`${method} ${path}`, operation]),
    );
    expect(reading.length).toBeGreaterThanOrEqual(10);
    for (const [name, operation] of reading) {
      expect(Object.keys(operation.responses), name).toEqual(expect.arrayContaining(['413', '415']));
      expect(operation.responses['413'].description, name).toContain('262144 bytes');
      expect(Object.keys(operation.requestBody.content), name).toEqual(['application/json']);
    }
  });

  it('takes an Idempotency-Key on every POST that creates something', () => {
    const creating = Object.entries(doc.paths).flatMap(([path, operations]) => ((operations as Record<string, any>).post ? [[path, (operations as Record<string, any>).post]] : []));
    expect(creating.map(([path]) => path)).toEqual(expect.arrayContaining(['/applications/{id}/appeals', '/applications/{id}/supplements', '/applications/{id}/orders/{custodianId}/delivery']));
    for (const [path, post] of creating) {
      expect(post.parameters.map((p: { in: string; name: string }) => `${p.in}:${p.name}`), path).toContain('header:idempotency-key');
      expect(Object.keys(post.responses), path).toContain('422');
    }
  });

  it('marks the text fields that may run over lines', () => {
    const body = doc.paths['/applications'].post.requestBody.content['application/json'].schema;
    expect(body.properties.project.properties.description['x-text']).toBe('lines');
    expect(body.properties.project.properties.title['x-text']).toBeUndefined();
    expect(body.properties.dataSources['x-unique-by']).toBe('registerId');
    expect(doc.paths['/applications/{id}/appeals'].post.requestBody.content['application/json'].schema.properties.grounds['x-text']).toBe('lines');
  });

  it('offers the public statistics without login: the activity report as JSON, a web page and CSV, the processing times as JSON and a web page', () => {
    expect(doc.paths['/public/statistics/activity'].get.security).toBeUndefined();
    expect(doc.paths['/public/statistics/processing-times'].get.security).toBeUndefined();
    expect(Object.keys(doc.paths['/public/statistics/activity'].get.responses['200'].content).sort()).toEqual(['application/json', 'text/csv', 'text/html']);
    expect(Object.keys(doc.paths['/public/statistics/processing-times'].get.responses['200'].content).sort()).toEqual(['application/json', 'text/html']);
    expect(doc.paths['/public/statistics/activity'].get.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['format', 'from', 'to']);
  });

  it('offers the public register as JSON, a web page and CSV', () => {
    expect(Object.keys(doc.paths['/public/permits'].get.responses['200'].content).sort()).toEqual(['application/json', 'text/csv', 'text/html']);
    const params = doc.paths['/permits/{id}/deletion-confirmation'].post.parameters.map((p: { in: string; name: string }) => `${p.in}:${p.name}`);
    expect(params).toEqual(expect.arrayContaining(['header:idempotency-key', 'path:id']));
  });
});

describe('GET /docs', () => {
  it('serves the interactive documentation', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('swagger-ui');
  });
});
