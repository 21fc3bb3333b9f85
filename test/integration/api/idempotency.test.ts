// Idempotency-Key on intake: a repeat returns the first answer, a different body under the
// same key is refused, and concurrent duplicates create one case.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { purgeExpiredKeys } from '../../../api/idempotency.ts';
import { apiHarness, caseFileCounts, validSubmission } from '../harness.ts';
import { bearer } from '../auth.ts';

const h = apiHarness();

const submit = (key: string | undefined, payload: object = validSubmission, client = 'test-integrator') =>
  h.app.inject({
    method: 'POST',
    url: '/applications',
    payload,
    headers: { ...bearer('integrator', { sub: client }), ...(key === undefined ? {} : { 'idempotency-key': key }) },
  });

describe('Idempotency-Key', () => {
  it('without a key, two identical submissions are two cases', async () => {
    const first = (await submit(undefined)).json();
    const second = (await submit(undefined)).json();
    expect(second.id).not.toBe(first.id);
  });

  it('a replay returns the first answer and creates nothing new', async () => {
    const key = randomUUID();
    const first = await submit(key);
    expect(first.statusCode).toBe(202);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const before = await caseFileCounts(h.db);

    const replay = await submit(key);
    expect(replay.statusCode).toBe(202);
    expect(replay.json()).toEqual(first.json());
    expect(replay.headers.location).toBe(first.headers.location);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await caseFileCounts(h.db)).toEqual(before);
  });

  it('the same body with its keys in another order is a replay', async () => {
    const key = randomUUID();
    const first = (await submit(key)).json();
    const reordered = Object.fromEntries(Object.entries(validSubmission).reverse());
    const replay = await submit(key, reordered);
    expect(replay.statusCode).toBe(202);
    expect(replay.json().id).toBe(first.id);
  });

  it('the same key with a different body is a 422 problem and creates nothing', async () => {
    const key = randomUUID();
    await submit(key);
    const before = await caseFileCounts(h.db);
    const res = await submit(key, { ...validSubmission, project: { ...validSubmission.project, title: 'Et annet prosjekt' } });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 422, type: 'https://helsedata.no/problems/idempotency-key-reused' });
    expect(await caseFileCounts(h.db)).toEqual(before);
  });

  it('concurrent duplicates with one key create exactly one case', async () => {
    const key = randomUUID();
    const before = await caseFileCounts(h.db);
    const answers = await Promise.all(Array.from({ length: 8 }, () => submit(key)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(202));
    const ids = new Set(answers.map((a) => a.json().id));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(7);
    const after = await caseFileCounts(h.db);
    expect(after.applications - before.applications).toBe(1);
    expect(after.outbox - before.outbox).toBe(1);
    expect(after.idempotency_keys - before.idempotency_keys).toBe(1);
  });

  it('a rejected request does not use up its key', async () => {
    const key = randomUUID();
    expect((await submit(key, { ...validSubmission, dataKind: 'unknown' })).statusCode).toBe(400);
    const res = await submit(key);
    expect(res.statusCode).toBe(202);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['longer than 200 characters', 'k'.repeat(201)],
  ])('a key that is %s is a 400 naming the header', async (_case, key) => {
    const res = await submit(key);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('headers.idempotency-key');
  });

  it('belongs to the client that sent it: another client with the same key gets its own case', async () => {
    const key = randomUUID();
    const mine = (await submit(key)).json();
    const theirs = await submit(key, { ...validSubmission, rekReference: 'REK 2024/999999' }, 'another-integrator');
    expect(theirs.statusCode).toBe(202);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json().id).not.toBe(mine.id);
  });

  it('expires after the configured time: the key is then free, and the purge removes old keys', async () => {
    const key = randomUUID();
    const first = (await submit(key)).json();
    await h.db('idempotency_keys').where({ key }).update({ created_at: h.db.raw(`now() - interval '25 hours'`) });
    const after = await submit(key, { ...validSubmission, rekReference: 'REK 2024/888888' });
    expect(after.statusCode).toBe(202);
    expect(after.json().id).not.toBe(first.id);

    const stale = randomUUID();
    await submit(stale);
    await h.db('idempotency_keys').where({ key: stale }).update({ created_at: h.db.raw(`now() - interval '25 hours'`) });
    expect(await purgeExpiredKeys(h.db, 24)).toBeGreaterThanOrEqual(1);
    expect(await h.db('idempotency_keys').where({ key: stale }).first()).toBeUndefined();
    expect(await h.db('idempotency_keys').where({ key }).first()).toBeDefined();
  });
});
