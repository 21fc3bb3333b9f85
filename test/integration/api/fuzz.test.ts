// Property-based fuzzing of every endpoint that takes a body: more than 10,000 generated
// invalid bodies, each one invalid by construction (a mutation of a valid body). Every one must
// be answered 4xx with problem details, never 5xx, and none may write a row.
import { mkdirSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../api/app.ts';
import { registerIds } from '../../../domain/registers.ts';
import { isValidOrganisationNumber } from '../../../domain/organisation-number.ts';
import { bearer, senderOf } from '../auth.ts';
import { apiHarness, caseFileCounts, testConfig, validSubmission } from '../harness.ts';

const h = apiHarness();
// Its own app, with a rate limit the fuzzing cannot reach.
let app: FastifyInstance;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];
type Invalid = { payload: string; contentType?: string; why: string };

// Every path in a value, objects and arrays included.
function pathsOf(value: Json, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [prefix];
  const children = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...children.flatMap(([key, child]) => pathsOf(child, [...prefix, key]))];
}

function at(value: Json, path: Path): Json {
  return path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key]!, value);
}

// A copy of the value with the node at the path replaced (or removed, for undefined).
function withNode(value: Json, path: Path, replacement: Json | undefined): Json {
  const copy = structuredClone(value);
  const parent = at(copy, path.slice(0, -1)) as Record<string | number, Json>;
  const key = path.at(-1)!;
  if (replacement !== undefined) parent[key] = replacement;
  else if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
  return copy;
}

function isNotJson(text: string): boolean {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

const kindOf = (value: Json) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
const anyJson: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 20 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);

// Mutations that make a valid body invalid whatever the generator picks: each field of the
// valid bodies below is required in its context, typed, bounded and closed to extra keys.
function invalidVariantsOf(valid: Json, formats: Record<string, fc.Arbitrary<string>>, optional: string[]): fc.Arbitrary<Invalid> {
  const all = pathsOf(valid);
  const inner = all.filter((path) => path.length > 0);
  const objects = all.filter((path) => kindOf(at(valid, path)) === 'object');
  const strings = inner.filter((path) => typeof at(valid, path) === 'string');
  const json = (value: Json, why: string): Invalid => ({ payload: JSON.stringify(value), why });
  const variants: fc.Arbitrary<Invalid>[] = [
    fc.tuple(fc.constantFrom(...inner), anyJson)
      .filter(([path, value]) => kindOf(value) !== kindOf(at(valid, path)))
      .map(([path, value]) => json(withNode(valid, path, value), `wrong type at ${path.join('.')}`)),
    fc.tuple(fc.constantFrom(...objects), fc.string({ minLength: 1, maxLength: 10 }), anyJson).map(([path, key, value]) =>
      json(withNode(valid, [...path, `extra_${key}`], value), `extra field in ${path.join('.') || 'body'}`),
    ),
    fc.constantFrom(...strings).map((path) => json(withNode(valid, path, ''), `empty ${path.join('.')}`)),
    fc.constantFrom(...strings).map((path) => json(withNode(valid, path, 'x'.repeat(20_001)), `too long ${path.join('.')}`)),
    // PostgreSQL cannot store a NUL or an unpaired surrogate; no field takes another control
    // character.
    fc.tuple(fc.constantFrom(...strings), fc.constantFrom('\u0000', '\ud800', '\udfff', '\u0001', '\u001b', '\u007f', '\u009b'), fc.nat()).map(([path, bad, position]) => {
      const text = String(at(valid, path));
      const where = position % (text.length + 1);
      return json(withNode(valid, path, `${text.slice(0, where)}${bad}${text.slice(where)}`), `control character ${JSON.stringify(bad)} in ${path.join('.')}`);
    }),
    anyJson.filter((value) => kindOf(value) !== 'object').map((value) => json(value, 'not an object')),
    fc.integer({ min: 1, max: 5_000 }).map((depth) => ({
      payload: `{"nested":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)},${JSON.stringify(valid).slice(1)}`.replace(/,}$/, '}'),
      why: `nested ${depth} deep`,
    })),
    fc.string({ maxLength: 30 }).map((text) => `{${text}`).filter(isNotJson).map((payload) => ({ payload, why: 'not JSON' })),
    fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded').map((contentType) => ({ payload: JSON.stringify(valid), contentType, why: `sent as ${contentType}` })),
    fc.constant({ payload: JSON.stringify({ ...(valid as object), padding: 'x'.repeat(300 * 1024) }), why: 'too large' }),
  ];
  if (inner.some((path) => typeof path.at(-1) === 'string' && !optional.includes(path.join('.')))) {
    const removable = inner.filter((path) => typeof path.at(-1) === 'string' && !optional.includes(path.join('.')));
    variants.push(fc.constantFrom(...removable).map((path) => json(withNode(valid, path, undefined), `missing ${path.join('.')}`)));
  }
  for (const [field, bad] of Object.entries(formats)) {
    const path = field.split('.').map((key) => (/^\d+$/.test(key) ? Number(key) : key));
    variants.push(bad.map((value) => json(withNode(valid, path, value), `bad ${field}`)));
  }
  return fc.oneof(...variants);
}

const badDay = fc.oneof(fc.constantFrom('2024-02-30', '2024-13-01', '20240101', '01.02.2024', '2024-1-1'), fc.string({ maxLength: 12 }).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)));
const notIn = (allowed: readonly string[]) => fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !allowed.includes(s));

const submissionFormats = {
  'institution.organisationNumber': fc.stringMatching(/^\d{9}$/).filter((n) => !isValidOrganisationNumber(n)),
  'projectLeader.email': fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.includes('@')),
  'project.period.startDate': badDay,
  'dataSources.0.period.endDate': badDay,
  'dataSources.0.registerId': notIn(registerIds),
  'dataKind': notIn(['identifiable', 'indirectly-identifiable', 'anonymous']),
  'applicationType': notIn(['new', 'anonymous-statistics', 'change', 'data-update']),
  'legalBasis.gdprArticle9': notIn(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']),
};

const cases = { awaitingSupplement: '', forwarded: '', delivery: '', appeal: '' };

beforeAll(async () => {
  app = await buildApp({ db: h.db, engine: h.engine, log: h.app.log as never }, { ...testConfig(), rateLimit: { max: 1_000_000, windowMs: 60_000 } });
  for (const [name, status] of [['awaitingSupplement', 'awaiting-supplement'], ['forwarded', 'forwarded'], ['delivery', 'awaiting-delivery'], ['appeal', 'decided']] as const) {
    const res = await h.app.inject({ method: 'POST', url: '/applications', payload: validSubmission, headers: bearer('integrator') });
    cases[name] = res.json().id;
    await h.db('applications').where({ id: cases[name] }).update({ status });
  }
  await h.db('custodian_orders').insert({ kind: 'data-order', state: 'sent', application_id: cases.delivery, custodian_id: 'FHI', register_ids: ['MFR'], due_at: new Date(), sent_at: new Date() });
  await h.db('decisions').insert({ application_id: cases.appeal, decided_by_body: 'HDS', outcome: 'grant', appeal_deadline: '2099-12-31' });
});

afterAll(async () => {
  await app?.close();
});

type Endpoint = { url: string; valid: Json; formats: Record<string, fc.Arbitrary<string>>; optional: string[]; runs: number };

const endpoints = (): Endpoint[] => [
  { url: '/applications', valid: validSubmission, formats: submissionFormats, optional: [], runs: 6_000 },
  { url: `/applications/${cases.awaitingSupplement}/supplements`, valid: { note: 'Vedlegg' }, formats: {}, optional: [], runs: 1_000 },
  { url: `/applications/${cases.forwarded}/external-decision`, valid: { outcome: 'grant', reference: 'REK 2026/1' }, formats: { outcome: notIn(['grant', 'partial-grant', 'refusal']) }, optional: [], runs: 1_000 },
  { url: `/applications/${cases.delivery}/orders/FHI/delivery`, valid: { analysisEnvironment: 'TSD' }, formats: {}, optional: ['analysisEnvironment'], runs: 1_000 },
  { url: `/applications/${cases.appeal}/appeals`, valid: { grounds: 'Uenig', sentOn: '2026-12-01' }, formats: { sentOn: badDay }, optional: ['sentOn'], runs: 1_000 },
  { url: `/applications/${cases.appeal}/appeals/helseklage-decision`, valid: { outcome: 'uphold', reference: 'HK 1' }, formats: { outcome: notIn(['uphold', 'reverse']) }, optional: [], runs: 500 },
];

describe('fuzzing the bodies of every endpoint that takes one', () => {
  it('answers every invalid body 4xx with problem details, never 5xx, and writes nothing', { timeout: 600_000 }, async () => {
    const before = await caseFileCounts(h.db);
    const outboxBefore = await h.db('outbox').count<{ count: string }[]>('* as count');
    const statuses: Record<string, number> = {};
    let total = 0;
    for (const endpoint of endpoints()) {
      await fc.assert(
        fc.asyncProperty(invalidVariantsOf(endpoint.valid, endpoint.formats, endpoint.optional), async ({ payload, contentType, why }) => {
          const res = await app.inject({
            method: 'POST',
            url: endpoint.url,
            payload,
            headers: { ...(endpoint.url === '/applications' ? bearer('integrator') : senderOf(endpoint.url)), 'content-type': contentType ?? 'application/json' },
          });
          total += 1;
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
          expect(res.statusCode, `${why}: ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
          expect(res.statusCode, why).toBeLessThan(500);
          expect(res.headers['content-type'], why).toContain('application/problem+json');
          expect(res.json(), why).toMatchObject({ status: res.statusCode, title: expect.any(String), type: expect.any(String) });
        }),
        { numRuns: endpoint.runs },
      );
    }
    expect(total).toBeGreaterThanOrEqual(10_000);
    expect(await caseFileCounts(h.db)).toEqual(before);
    expect(await h.db('outbox').count('* as count')).toEqual(outboxBefore);
    mkdirSync('test-results/drills', { recursive: true });
    writeFileSync('test-results/drills/fuzz.json', JSON.stringify({ bodies: total, byStatus: statuses, rowsWritten: 0 }, null, 2));
  });
});
