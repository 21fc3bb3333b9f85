// GET /applications: filters and keyset pages over a set of cases placed in 2001, a year no
// other test writes, so the answers are exact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discardPendingCommands, startHarness, validSubmission, type Harness } from '../harness.ts';
import { bearer } from '../auth.ts';

let h: Harness;
const ids: Record<string, string> = {};

const source = (registerId: string) => ({ registerId, variables: ['alder'], period: { startDate: '2000-01-01', endDate: '2000-12-31' } });

// Name, submission, arrival (UTC), status.
const cases: [string, object, string, string?][] = [
  // 00:30 on 1 March in Norway, still 28 February in UTC.
  ['F', validSubmission, '2001-02-28T23:30:00Z'],
  ['A', validSubmission, '2001-03-01T10:00:00Z'],
  ['B', { ...validSubmission, applicationType: 'anonymous-statistics', dataKind: 'anonymous', dataSources: [source('DAR')] }, '2001-03-02T10:00:00Z'],
  ['C', { ...validSubmission, applicationType: 'change', earlierDecisionReference: 'HDS-2000-00001', dataSources: [source('KREFT')] }, '2001-03-03T10:00:00Z'],
  // D and E arrive at the same instant: the id breaks the tie.
  ['D', { ...validSubmission, applicationType: 'data-update', earlierDecisionReference: 'HDS-2000-00002', dataSources: [source('MFR')] }, '2001-03-04T12:00:00.123456Z'],
  ['E', { ...validSubmission, dataSources: [source('NDR')] }, '2001-03-04T12:00:00.123456Z', 'registered'],
  // 00:30 on 6 March in Norway, still 5 March in UTC.
  ['G', validSubmission, '2001-03-05T23:30:00Z'],
];

async function place(name: string, submission: object, receivedAt: string, status = 'received') {
  const res = await h.app.inject({ method: 'POST', url: '/applications', payload: submission, headers: bearer('integrator') });
  expect(res.statusCode, res.body).toBe(202);
  ids[name] = res.json().id;
  await h.db('applications').where({ id: ids[name] }).update({ received_at: receivedAt, status });
}

beforeAll(async () => {
  h = await startHarness({ withWorkers: false });
  for (const [name, submission, receivedAt, status] of cases) await place(name, submission, receivedAt, status);
});
afterAll(async () => {
  if (h) await discardPendingCommands(h.db);
  await h?.close();
});

const tied = () => [ids.D!, ids.E!].sort().reverse().map((id) => Object.keys(ids).find((k) => ids[k] === id)!);

async function list(query: string) {
  const res = await h.app.inject({ method: 'GET', url: `/applications?${query}`, headers: bearer('caseworker') });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Record<string, unknown>[]; nextCursor: string | null };
}

async function names(query: string) {
  const { items } = await list(query);
  return items.map((item) => Object.keys(ids).find((k) => ids[k] === item.id) ?? `other:${item.id}`);
}

const march = 'receivedFrom=2001-03-01&receivedTo=2001-03-05';

describe('GET /applications', () => {
  it('lists the cases of a period newest first, days counted in Norwegian time', async () => {
    expect(await names(march)).toEqual([...tied(), 'C', 'B', 'A', 'F']);
  });

  it('answers each item with id, reference, status, stage, type and arrival only', async () => {
    const { items } = await list(`${march}&applicationType=change`);
    expect(items).toEqual([
      {
        id: ids.C,
        reference: expect.stringMatching(/^HDS-\d{4}-\d{5}$/),
        status: 'received',
        stage: 'received',
        stageName: 'Mottatt',
        applicationType: 'change',
        receivedAt: '2001-03-03T10:00:00.000Z',
      },
    ]);
  });

  it.each([
    ['receivedTo=2001-03-02&receivedFrom=2001-03-01', ['B', 'A', 'F']],
    ['receivedFrom=2001-03-04&receivedTo=2001-03-06', ['G', 'tied']],
    [`${march}&registerId=MFR`, ['D', 'A', 'F']],
    [`${march}&registerId=NPR`, ['A', 'F']],
    [`${march}&registerId=DAR`, ['B']],
    [`${march}&applicationType=new`, ['E', 'A', 'F']],
    [`${march}&applicationType=data-update`, ['D']],
    [`${march}&status=registered`, ['E']],
    [`${march}&registerId=MFR&applicationType=new`, ['A', 'F']],
    [`${march}&registerId=KREFT&status=registered`, []],
  ])('filters by %s', async (query, expected) => {
    const wanted = expected.flatMap((name) => (name === 'tied' ? tied() : [name]));
    expect(await names(query)).toEqual(wanted);
  });

  it.each([
    [1, 6],
    [2, 3],
    [4, 2],
  ])('pages through %i at a time in %i pages, without gaps or repeats', async (limit, expectedPages) => {
    const all = await names(march);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list(`${march}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items.map((item) => Object.keys(ids).find((k) => ids[k] === item.id)!));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(expectedPages);
    expect(seen).toEqual(all);
  });

  it('says there is no next page when the last page is exactly full', async () => {
    const first = await list(`${march}&limit=3`);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list(`${march}&limit=3&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(3);
    expect(second.nextCursor).toBeNull();
  });

  it('defaults to 25 items a page', async () => {
    for (let i = 0; i < 26; i++) await place(`bulk${i}`, validSubmission, '2001-06-01T10:00:00Z');
    const page = await list('receivedFrom=2001-06-01&receivedTo=2001-06-01');
    expect(page.items).toHaveLength(25);
    expect(page.nextCursor).not.toBeNull();
  });

  it.each([
    ['limit=101', 'querystring.limit'],
    ['limit=0', 'querystring.limit'],
    ['limit=ten', 'querystring.limit'],
    ['registerId=NOPE', 'querystring.registerId'],
    ['applicationType=appeal', 'querystring.applicationType'],
    ['receivedFrom=2001-3-1', 'querystring.receivedFrom'],
    ['cursor=bm90IGEgY3Vyc29y', 'querystring.cursor'],
    ['colour=blue', 'querystring.colour'],
  ])('answers 400 naming the parameter for %s', async (query, field) => {
    const res = await h.app.inject({ method: 'GET', url: `/applications?${query}`, headers: bearer('caseworker') });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('a case arriving while a client pages through shifts nothing', async () => {
    const first = await list(`${march}&limit=2`);
    await place('H', validSubmission, '2001-03-05T12:00:00Z');
    const rest: string[] = [];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await list(`${march}&limit=2&cursor=${cursor}`);
      rest.push(...page.items.map((item) => Object.keys(ids).find((k) => ids[k] === item.id)!));
      cursor = page.nextCursor;
    }
    expect(rest).toEqual(['C', 'B', 'A', 'F']);
  });
});
