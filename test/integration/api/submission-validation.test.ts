// Every way a submission can be invalid answers 400 with problem details naming the field,
// and leaves the case file untouched.
import { describe, expect, it } from 'vitest';
import { applicationSubmission } from '../../../api/schemas.ts';
import { apiHarness, caseFileCounts, validSubmission } from '../harness.ts';
import { bearer } from '../auth.ts';

const h = apiHarness();

type Json = Record<string, unknown>;
type SchemaNode = { type?: string; required?: readonly string[]; properties?: Record<string, SchemaNode>; items?: SchemaNode };

const clone = (): Json => structuredClone(validSubmission) as Json;

function parentOf(body: Json, path: string): [Record<string, unknown>, string] {
  const keys = path.split('.');
  const leaf = keys.pop()!;
  const parent = keys.reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, body);
  return [parent, leaf];
}

function without(path: string, body: Json = clone()): Json {
  const [parent, leaf] = parentOf(body, path);
  delete parent[leaf];
  return body;
}

function withValue(path: string, value: unknown, base: Json = clone()): Json {
  const [parent, leaf] = parentOf(base, path);
  parent[leaf] = value;
  return base;
}

// Every property the schema requires unconditionally, at every depth (first array item).
function requiredPaths(schema: SchemaNode, prefix = ''): string[] {
  if (schema.type === 'array' && schema.items) return requiredPaths(schema.items, `${prefix}0.`);
  return (schema.required ?? []).flatMap((key) => {
    const path = `${prefix}${key}`;
    const child = schema.properties?.[key];
    return [path, ...(child ? requiredPaths(child, `${path}.`) : [])];
  });
}

// Every node of the valid body, to give each one a value of the wrong type.
function allPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [`${prefix}${key}`, ...allPaths(child, `${prefix}${key}.`)]);
}

function wrongTypeFor(value: unknown): unknown {
  if (typeof value === 'string') return 42;
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return 'not a list';
  return 'not an object';
}

// A string is sent as it is, as JSON text that JSON.stringify could not have written.
async function expectRejected(payload: unknown, field: string) {
  const before = await caseFileCounts(h.db);
  const headers = { ...bearer('integrator'), ...(typeof payload === 'string' ? { 'content-type': 'application/json' } : {}) };
  const res = await h.app.inject({ method: 'POST', url: '/applications', payload: payload as Json | string, headers });
  expect(res.statusCode, res.body).toBe(400);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const problem = res.json();
  expect(problem).toMatchObject({ status: 400, type: 'https://helsedata.no/problems/invalid-request' });
  expect(problem.errors.map((e: { field: string }) => e.field)).toContain(field);
  expect(await caseFileCounts(h.db)).toEqual(before);
  return problem.errors as { field: string; message: string }[];
}

async function expectAccepted(payload: Json | string) {
  const headers = { ...bearer('integrator'), ...(typeof payload === 'string' ? { 'content-type': 'application/json' } : {}) };
  const res = await h.app.inject({ method: 'POST', url: '/applications', payload, headers });
  expect(res.statusCode, res.body).toBe(202);
}

describe('the valid submission', () => {
  it('is accepted, so every rejection below is caused by the one change it makes', async () => {
    await expectAccepted(clone());
  });
});

describe('a missing required field', () => {
  const paths = requiredPaths(applicationSubmission as unknown as SchemaNode);

  it('covers the whole form', () => {
    expect(paths).toEqual(
      expect.arrayContaining([
        'applicationType',
        'project.period.endDate',
        'projectLeader.email',
        'institution.organisationNumber',
        'dataSources.0.registerId',
        'dataSources.0.variables',
        'dataSources.0.period.startDate',
        'linkage.requested',
        'dataKind',
        'analysisEnvironment',
      ]),
    );
  });

  it.each(paths)('%s is named', async (path) => {
    await expectRejected(without(path), path);
  });
});

describe('a conditionally required field', () => {
  it.each([
    ['rekReference', 'research on identifiable data', without('rekReference')],
    ['legalBasis', 'identifiable data', without('legalBasis')],
    ['legalBasis', 'indirectly identifiable data', withValue('dataKind', 'indirectly-identifiable', without('legalBasis'))],
    ['linkage.justification', 'linkage requested', without('linkage.justification')],
    ['earlierDecisionReference', 'a change application', withValue('applicationType', 'change')],
    ['earlierDecisionReference', 'a data update', withValue('applicationType', 'data-update')],
  ])('%s is named when missing for %s', async (field, _case, payload) => {
    const errors = await expectRejected(payload, field);
    expect(errors).toHaveLength(1); // the unmet if/then itself is not reported as a field
  });

  it.each(['identifiable', 'indirectly-identifiable'])('dataKind is named when a request for anonymised statistics asks for %s data', async (dataKind) => {
    const errors = await expectRejected(withValue('dataKind', dataKind, withValue('applicationType', 'anonymous-statistics')), 'dataKind');
    expect(errors).toHaveLength(1);
  });

  it.each([
    ['REK approval', 'statistics on identifiable data', withValue('project.purposeCategory', 'statistics', without('rekReference'))],
    ['REK approval', 'research on indirectly identifiable data', withValue('dataKind', 'indirectly-identifiable', without('rekReference'))],
    [
      'legal basis or REK approval',
      'anonymous statistics',
      withValue('dataKind', 'anonymous', withValue('applicationType', 'anonymous-statistics', without('legalBasis', without('rekReference')))),
    ],
    ['justification', 'no linkage', withValue('linkage', { requested: false })],
    ['earlier decision', 'a change that names it', withValue('earlierDecisionReference', 'HDS-2024-00017', withValue('applicationType', 'change'))],
  ])('%s is not needed for %s', async (_what, _case, payload) => {
    await expectAccepted(payload);
  });
});

describe('a malformed value', () => {
  it.each([
    ['applicationType', 'appeal'],
    ['project.title', 'x'],
    ['project.purposeCategory', 'curiosity'],
    ['project.description', ''],
    ['project.publicTitle', ''],
    ['project.publicTitle', 'x'.repeat(201)],
    ['project.publicSummary', 'x'.repeat(1_501)],
    ['project.period.startDate', '2025-13-01'],
    ['project.period.endDate', '31.12.2029'],
    ['projectLeader.name', ''],
    ['projectLeader.email', 'kari-at-example.no'],
    ['institution.organisationNumber', '983744517'],
    ['institution.organisationNumber', '98374451'],
    ['institution.organisationNumber', '983 744 516'],
    ['institution.organisationNumber', '000000000'], // its check digit is right, but no number begins with 0
    ['institution.organisationNumber', '100000040'],
    ['legalBasis.gdprArticle6', 'g'],
    ['legalBasis.gdprArticle9', 'k'],
    ['rekReference', ''],
    ['dataSources', []],
    ['dataSources.1.registerId', 'NO-SUCH-REGISTER'],
    ['dataSources.0.registerId', 'mfr'],
    ['dataSources.0.variables', []],
    ['dataSources.0.variables', ['fodselsaar', 'fodselsaar']],
    ['dataSources.1.period.endDate', 'soon'],
    ['dataKind', 'pseudonymous'],
    ['analysisEnvironment', 'a laptop'],
  ])('%s = %j is named', async (path, value) => {
    await expectRejected(withValue(path, value), path);
  });

  it.each([['budget'], ['project.budget'], ['dataSources.0.population']])('the unknown property %s is named', async (path) => {
    await expectRejected(withValue(path, 1), path);
  });

  it('names every invalid field of one request, register ids and organisation number included', async () => {
    const payload = withValue('dataSources.0.registerId', 'X', withValue('dataSources.1.registerId', 'Y', withValue('institution.organisationNumber', '123456789')));
    const errors = await expectRejected(payload, 'dataSources.1.registerId');
    expect(errors.map((e) => e.field).sort()).toEqual(['dataSources.0.registerId', 'dataSources.1.registerId', 'institution.organisationNumber']);
    expect(errors.find((e) => e.field === 'institution.organisationNumber')?.message).toContain('organisation-number');
  });
});

describe('a register named twice', () => {
  it('names the second occurrence, and only it', async () => {
    const errors = await expectRejected(withValue('dataSources.1.registerId', 'MFR'), 'dataSources.1.registerId');
    expect(errors).toEqual([{ field: 'dataSources.1.registerId', message: expect.stringContaining('MFR, already given in item 0') }]);
  });

  it('names each later occurrence when a register comes three times', async () => {
    const sources = clone().dataSources as Json[];
    const payload = withValue('dataSources', [sources[0], sources[1], { ...sources[0]! }, { ...sources[1]! }]);
    const errors = await expectRejected(payload, 'dataSources.2.registerId');
    expect(errors.map((e) => e.field)).toEqual(['dataSources.2.registerId', 'dataSources.3.registerId']);
  });
});

// PostgreSQL cannot store a NUL or an unpaired surrogate: before the check, the case failed
// with a 500 when it was written. A JSON string escape is the only way to send either.
describe('text', () => {
  const sent = (path: string, escaped: string) => JSON.stringify(withValue(path, 'PLACEHOLDER')).replace('PLACEHOLDER', escaped);

  it.each([
    ['project.title', 'Tittel\\u0000', 'NUL'],
    ['project.publicTitle', 'Tittel\\u0000', 'NUL'],
    ['project.publicSummary', 'Sammendrag\\u0007', 'U+0007'],
    ['project.description', 'Beskrivelse\\u0000 med NUL', 'NUL'],
    ['projectLeader.name', 'Kari \\ud800Nordmann', 'unpaired UTF-16 surrogate'],
    ['institution.name', 'FHI \\udc00', 'unpaired UTF-16 surrogate'],
    ['projectLeader.name', 'Kari\\u0007', 'U+0007'],
    ['dataSources.0.variables.0', 'fodselsaar\\u001b', 'U+001B'],
    ['linkage.justification', 'Kobling\\u007f', 'U+007F'],
    ['rekReference', 'REK\\u0085 2024/1', 'U+0085'],
  ])('%s with %j is named, and nothing is written', async (path, escaped, named) => {
    const errors = await expectRejected(sent(path, escaped), path);
    expect(errors.find((e) => e.field === path)?.message).toContain(named);
  });

  it.each([
    ['project.title', 'To\\nlinjer'],
    ['project.title', 'Tab\\ti tittel'],
    ['project.publicTitle', 'To\\nlinjer'],
    ['projectLeader.name', 'Kari\\r\\nNordmann'],
    ['rekReference', 'REK\\t2024/1'],
    ['dataSources.0.variables.0', 'fodsels\\naar'],
  ])('%s, a single line, with %j is named', async (path, escaped) => {
    const errors = await expectRejected(sent(path, escaped), path);
    expect(errors.find((e) => e.field === path)?.message).toBe('must be a single line: no tab or line break');
  });

  it('takes tab and line breaks in prose, and characters beyond the BMP anywhere', async () => {
    const prose = withValue('project.description', 'Første avsnitt.\r\n\n\tAndre avsnitt.', withValue('linkage.justification', 'Linje 1\nLinje 2', withValue('project.publicSummary', 'Kort om prosjektet.\nAndre linje.')));
    await expectAccepted(withValue('project.title', 'Hjertesykdom 🫀 etter svangerskapsdiabetes', prose));
  });

  it('in a query is named too', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/applications?status=received%00', headers: bearer('caseworker') });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'querystring.status', message: expect.stringContaining('NUL') }]);
  });
});

describe('a period', () => {
  it.each(['project.period', 'dataSources.0.period', 'dataSources.1.period'])('that ends before it starts names %s.endDate', async (path) => {
    const errors = await expectRejected(withValue(`${path}.endDate`, '1999-12-31'), `${path}.endDate`);
    expect(errors).toHaveLength(1);
  });

  it('may end on the day it starts', async () => {
    await expectAccepted(withValue('project.period', { startDate: '2025-01-01', endDate: '2025-01-01' }, withValue('dataSources.0.period.endDate', '2000-01-01')));
  });
});

describe('a value of the wrong type', () => {
  it.each(allPaths(validSubmission))('%s is named', async (path) => {
    const [parent, leaf] = parentOf(clone(), path);
    await expectRejected(withValue(path, wrongTypeFor(parent[leaf])), path);
  });

  it('is not coerced: the number 2025 is no date and true is no "true"', async () => {
    await expectRejected(withValue('linkage.requested', 'true'), 'linkage.requested');
    await expectRejected(withValue('project.period.startDate', 2025), 'project.period.startDate');
  });

  it('names a public-health mandate that is not true or false, and takes one that is', async () => {
    await expectRejected(withValue('institution.publicHealthMandate', 'yes'), 'institution.publicHealthMandate');
    await expectAccepted(withValue('institution.publicHealthMandate', true));
  });

  it('names a fee category that is not one of the reduced ones (EHDS, Art. 62(3)), and takes one that is', async () => {
    await expectRejected(withValue('institution.feeCategory', 'charity'), 'institution.feeCategory');
    await expectRejected(withValue('institution.feeCategory', true), 'institution.feeCategory');
    await expectAccepted(withValue('institution.feeCategory', 'micro-enterprise'));
  });
});

describe('the body as a whole', () => {
  it('is a problem of 413 when larger than the limit, and writes nothing', async () => {
    const before = await caseFileCounts(h.db);
    const payload = withValue('project.description', 'x'.repeat(300 * 1024));
    const res = await h.app.inject({ method: 'POST', url: '/applications', payload, headers: bearer('integrator') });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      status: 413,
      type: 'https://helsedata.no/problems/body-too-large',
      detail: 'The request body must be at most 262144 bytes',
      instance: '/applications',
    });
    expect(await caseFileCounts(h.db)).toEqual(before);
  });

  it('is a problem of 415 when not JSON', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/applications', headers: { ...bearer('integrator'), 'content-type': 'application/xml' }, payload: '<application/>' });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ status: 415, type: 'https://helsedata.no/problems/unsupported-media-type' });
  });

  // Fastify reads text/plain by default, so JSON sent as text/plain reached validation as a
  // string: "body must be object".
  it.each(['text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded'])(
    'is a problem of 415 naming the expected type when JSON is sent as %s, and writes nothing',
    async (contentType) => {
      const before = await caseFileCounts(h.db);
      const headers = { ...bearer('integrator'), 'content-type': contentType };
      const res = await h.app.inject({ method: 'POST', url: '/applications', headers, payload: JSON.stringify(validSubmission) });
      expect(res.statusCode, res.body).toBe(415);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        status: 415,
        type: 'https://helsedata.no/problems/unsupported-media-type',
        detail: `The body must be JSON, sent as Content-Type: application/json, not ${contentType}`,
      });
      expect(await caseFileCounts(h.db)).toEqual(before);
    },
  );

  // JSON.parse lets the last of two equal keys win, so the case stored could differ from the
  // one a reader of the body sees.
  it.each([
    ['applicationType', (text: string) => text.replace('{"applicationType":"new"', '{"applicationType":"change","applicationType":"new"')],
    ['project.period.startDate', (text: string) => text.replace('"period":{"startDate":"2025-01-01"', '"period":{"startDate":"2025-01-01","startDate":"2026-01-01"')],
    ['dataSources.1.registerId', (text: string) => text.replace('{"registerId":"NPR"', '{"registerId":"NPR","registerId":"NPR"')],
    ['linkage.requested', (text: string) => text.replace('"linkage":{"requested":true', '"linkage":{"requested":true,"requeste\\u0064":false')],
  ])('is refused with a duplicated key, naming %s, and writes nothing', async (field, duplicate) => {
    const text = duplicate(JSON.stringify(validSubmission));
    expect(text).not.toBe(JSON.stringify(validSubmission));
    const errors = await expectRejected(text, field);
    expect(errors).toEqual([{ field, message: expect.stringContaining('more than once') }]);
  });

  it('may repeat a key in different objects, and quote keys inside text', async () => {
    await expectAccepted(JSON.stringify(withValue('project.description', 'Skjemaet sier "title": "x", "description": "y" og \\"title\\"')));
  });

  it.each([
    ['__proto__', (text: string) => text.replace('{"applicationType"', '{"__proto__":{"admin":true},"applicationType"')],
    ['project.__proto__', (text: string) => text.replace('"project":{', '"project":{"__proto__":{"admin":true},')],
    ['__proto__', (text: string) => text.replace('{"applicationType"', '{"\\u005f_proto__":{"admin":true},"applicationType"')],
    ['institution.constructor.prototype', (text: string) => text.replace('"institution":{', '"institution":{"constructor":{"prototype":{"admin":true}},')],
    ['dataSources.0.constructor.prototype', (text: string) => text.replace('{"registerId":"MFR"', '{"constructor":{"prototype":{}},"registerId":"MFR"')],
  ])('is refused with a key that reaches a prototype, naming %s, and writes nothing', async (field, inject) => {
    const text = inject(JSON.stringify(validSubmission));
    expect(text).not.toBe(JSON.stringify(validSubmission));
    const errors = await expectRejected(text, field);
    expect(errors).toEqual([{ field, message: expect.stringContaining('forbidden') }]);
  });

  it('must be an object', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/applications', payload: [validSubmission], headers: bearer('integrator') });
    expect(res.statusCode).toBe(400);
  });
});
