// The real service, assembled for a test: PostgreSQL, the engine, the API, workers and relay.
import { afterAll, beforeAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { pino } from 'pino';
import { buildApp } from '../../api/app.ts';
import { loadConfig } from '../../platform/config.ts';
import { connect } from '../../platform/db.ts';
import { deployModels } from '../../platform/deploy.ts';
import { createEngineClient, type EngineClient } from '../../platform/engine-client.ts';
import { createMailDelivery } from '../../platform/delivery.ts';
import { createOutboxRelay } from '../../platform/outbox-relay.ts';
import { settleIfLapsed } from '../../store/permit/message-lapses.ts';
import { startMailbox, type Mailbox } from './mailbox.ts';
import { workers } from '../../workers/index.ts';
import { startWorkers } from '../../workers/runtime.ts';
import { validSubmission } from '../fixtures/submission.ts';
import { bearer, senderOf, testJwks } from './auth.ts';

export { validSubmission };

export const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

// Tests see the statistics as they are at each request (STATS_MAX_AGE_SECONDS 0), unless they
// test the cache itself.
export function testConfig(env: NodeJS.ProcessEnv = {}) {
  return loadConfig({ ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL, AUTH_JWKS: testJwks, AUTH_JWKS_URL: '', STATS_MAX_AGE_SECONDS: '0', ...env });
}

export type Harness = {
  db: Knex;
  engine: EngineClient;
  app: FastifyInstance;
  relay: ReturnType<typeof createOutboxRelay>;
  // The SMTP server the relay delivers the case's letters to.
  mailbox: Mailbox;
  close: () => Promise<void>;
};

export async function startHarness({ withWorkers = true } = {}): Promise<Harness> {
  const config = testConfig();
  const db = connect(config);
  const engine = createEngineClient(config.engine);
  await deployModels(engine);
  // A short long poll, so that closing the workers leaves no poll that could still lock a
  // task for the next test file.
  const running = withWorkers ? startWorkers(config.engine, workers, { db, log, asyncResponseTimeoutMs: 1_000 }) : undefined;
  const mailbox = await startMailbox();
  const delivery = createMailDelivery({ ...config.mail, smtpHost: '127.0.0.1', smtpPort: mailbox.port, smtpSecure: false });
  const relay = createOutboxRelay({ db, engine, log, delivery, lapse: settleIfLapsed });
  const app = await buildApp({ db, engine, log }, config);
  return {
    db,
    engine,
    app,
    relay,
    mailbox,
    async close() {
      await app.close();
      await running?.close();
      await db.destroy();
      await mailbox.close();
    },
  };
}

// Polls until the probe returns a value, within a bound; workers and the relay run
// asynchronously.
export async function eventually<T>(probe: () => Promise<T | undefined | null | false>, { timeoutMs = 30_000, intervalMs = 200, what = 'condition' } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}


// Row counts of every table intake writes: a rejected request must leave them as they were.
export async function caseFileCounts(db: Knex) {
  const tables = ['applications', 'application_sources', 'audit_events', 'outbox', 'idempotency_keys'] as const;
  const counts = await Promise.all(tables.map((t) => db(t).count<{ count: string }[]>('* as count')));
  return Object.fromEntries(tables.map((t, i) => [t, Number(counts[i]![0]!.count)])) as Record<(typeof tables)[number], number>;
}

// API tests create cases that are never meant to start a process. Marking their engine
// commands relayed keeps them out of later test files, whose relay works oldest first in
// small batches and would otherwise send this backlog before their own case.
export async function discardPendingCommands(db: Knex) {
  await db('outbox').whereNull('relayed_at').update({ relayed_at: db.fn.now(), last_error: 'discarded by an API test' });
}

// Submits an application over the API, relays it to the engine and waits until the first
// worker has registered it: the start of every process test.
export async function startCase(h: Harness, submission: object = validSubmission) {
  const res = await h.app.inject({ method: 'POST', url: '/applications', payload: submission, headers: bearer('integrator') });
  if (res.statusCode !== 202) throw new Error(`POST /applications answered ${res.statusCode}: ${res.body}`);
  const { id, reference } = res.json() as { id: string; reference: string };
  await h.relay.relayDue();
  const row = await eventually(
    // The key is set by the first worker; the status may already have moved on past 'registered'.
    async () => h.db('applications').where({ id }).whereNotNull('process_instance_id').first(),
    { what: `application ${id} to be registered by its worker` },
  );
  return { id, reference, processInstanceId: row.process_instance_id as string };
}

// For API test files: the app without workers, started before the file's tests and closed
// after them, leaving no engine commands behind for later files.
export function apiHarness(): Harness {
  const h = {} as Harness;
  beforeAll(async () => {
    Object.assign(h, await startHarness({ withWorkers: false }));
  });
  afterAll(async () => {
    if (!h.db) return;
    await discardPendingCommands(h.db);
    await h.close();
  });
  return h;
}

// Sends a message into a case through the API, as its sender would, and relays it.
// A worker marks the case as waiting just before the engine does, so the first correlation
// may find no one waiting yet; the relay then tries again after its back-off, as it would in
// the service's own relay loop.
export async function postToCase(h: Harness, url: string, payload: object, headers = senderOf(url)) {
  const res = await h.app.inject({ method: 'POST', url, payload, headers });
  if (res.statusCode !== 202) throw new Error(`POST ${url} answered ${res.statusCode}: ${res.body}`);
  const { messageId } = res.json() as { messageId: string };
  await eventually(
    async () => {
      await h.relay.relayDue();
      return h.db('outbox').whereRaw("payload->>'messageId' = ?", [messageId]).whereNotNull('relayed_at').first();
    },
    { what: `message ${messageId} to reach the engine`, intervalMs: 500 },
  );
}
