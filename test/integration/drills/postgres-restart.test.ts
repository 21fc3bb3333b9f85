// Drill: PostgreSQL restarts while integrators submit. Meanwhile the API answers 503 problems
// with Retry-After (never 500), recovers by itself once the server is back, and every
// submission it accepted is in the case file, once: clients retry with their Idempotency-Key.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../api/app.ts';
import { connect, migrate } from '../../../platform/db.ts';
import { createEngineClient } from '../../../platform/engine-client.ts';
import { bearer } from '../auth.ts';
import { log, testConfig, validSubmission } from '../harness.ts';
import { startPrivatePostgres, type PrivatePostgres } from './private-postgres.ts';

let pg: PrivatePostgres;
let db: Knex;
let app: FastifyInstance;
// The test run's engine: the drill never reaches it except through readiness.
const engine = createEngineClient(testConfig().engine);

beforeAll(async () => {
  pg = await startPrivatePostgres();
  const config = { ...testConfig({ DATABASE_URL: pg.url }), rateLimit: { max: 1_000_000, windowMs: 60_000 } };
  db = connect(config);
  await migrate(db);
  app = await buildApp({ db, engine, log }, config);
});

afterAll(async () => {
  await app?.close();
  await db?.destroy();
  pg?.destroy();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('drill: PostgreSQL restarts under load', () => {
  it('answers 503 meanwhile, recovers by itself, and loses or doubles nothing it accepted', { timeout: 120_000 }, async () => {
    const statuses: Record<number, number> = {};
    const accepted = new Map<string, string>();
    let stopping = false;
    let next = 0;
    let retryAfterMissing = 0;

    // A client as the README asks integrators to be: one key per submission, retried on 503.
    async function client() {
      while (!stopping) {
        const key = `drill-pg-${next++}`;
        for (;;) {
          const res = await app.inject({
            method: 'POST',
            url: '/applications',
            payload: { ...validSubmission, project: { ...validSubmission.project, title: `Drill ${key}` } },
            headers: { ...bearer('integrator'), 'idempotency-key': key },
          });
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
          if (res.statusCode === 202) {
            accepted.set(key, res.json().id);
            break;
          }
          if (res.statusCode !== 503) return;
          if (!res.headers['retry-after'] || !String(res.headers['content-type']).includes('application/problem+json')) retryAfterMissing += 1;
          await pause(200);
        }
      }
    }

    const clients = Array.from({ length: 4 }, client);
    await pause(1_500);
    const before = accepted.size;
    pg.stop();
    await pause(1_000);
    const readiness = await app.inject({ method: 'GET', url: '/health/ready' });
    await pause(2_000);
    pg.start();
    const restartedAt = accepted.size;
    await pause(3_000);
    stopping = true;
    await Promise.all(clients);

    const figures = { accepted: accepted.size, acceptedBeforeStop: before, outageMs: 3_000, statuses };
    mkdirSync('test-results/drills', { recursive: true });
    writeFileSync('test-results/drills/postgres-restart.json', JSON.stringify(figures, null, 2));

    expect(Object.keys(statuses).map(Number).sort()).toEqual([202, 503]);
    expect(statuses[503]).toBeGreaterThan(0);
    expect(retryAfterMissing).toBe(0);
    expect(readiness.statusCode).toBe(503);
    expect(before).toBeGreaterThan(0);
    // Recovered by itself: submissions were accepted after the restart.
    expect(accepted.size).toBeGreaterThan(restartedAt);
    // Every accepted submission is stored, once.
    const stored = await db('applications').select('id', db.raw(`submission->'project'->>'title' as title`));
    expect(stored).toHaveLength(accepted.size);
    expect(new Set(stored.map((row) => row.id))).toEqual(new Set(accepted.values()));
    expect(new Set(stored.map((row) => row.title))).toEqual(new Set([...accepted.keys()].map((key) => `Drill ${key}`)));
  });
});
