// Intake through the outbox: a case accepted by the API reaches the engine once, also when
// the engine is away at first or the relay sends the same command again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCamunda } from '../../../service/camunda.ts';
import { createOutboxRelay } from '../../../service/outbox-relay.ts';
import { eventually, log, startHarness, testConfig, validSubmission, type Harness } from '../harness.ts';
import { bearer } from '../auth.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

async function submit(): Promise<string> {
  const res = await h.app.inject({ method: 'POST', url: '/applications', payload: validSubmission, headers: bearer('integrator') });
  expect(res.statusCode).toBe(202);
  return res.json().id;
}

function registered(id: string) {
  return eventually(
    async () => {
      const row = await h.db('applications').where({ id, status: 'registered' }).first();
      return row?.process_instance_key ? row : undefined;
    },
    { what: `application ${id} to be registered` },
  );
}

describe('outbox relay', () => {
  it('keeps the command while the engine is unreachable and relays it once the engine answers', async () => {
    const id = await submit();
    const unreachable = createCamunda(testConfig({ ZEEBE_REST_ADDRESS: 'http://127.0.0.1:9', ZEEBE_GRPC_ADDRESS: 'grpc://127.0.0.1:9' }));
    const deadRelay = createOutboxRelay({ db: h.db, camunda: unreachable, log });

    expect(await deadRelay.relayDue()).toBe(0);
    const failed = await h.db('outbox').where({ application_id: id }).first();
    expect(failed.relayed_at).toBeNull();
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toBeTruthy();
    expect((await h.db('applications').where({ id }).first()).status).toBe('received');
    await unreachable.closeAllClients();

    await h.db('outbox').where({ application_id: id }).update({ next_attempt_at: h.db.fn.now() });
    expect(await h.relay.relayDue()).toBeGreaterThanOrEqual(1);
    const row = await registered(id);
    expect(row.process_instance_key).toMatch(/^\d+$/);
    expect((await h.db('outbox').where({ application_id: id }).first()).relayed_at).not.toBeNull();
  });

  it('starts no second case when the same command is relayed again', async () => {
    const id = await submit();
    await h.relay.relayDue();
    const first = await registered(id);

    await h.db('outbox').where({ application_id: id }).update({ relayed_at: null, next_attempt_at: h.db.fn.now() });
    expect(await h.relay.relayDue()).toBeGreaterThanOrEqual(1);

    const rest = h.camunda.getCamundaRestClient();
    await expect(
      rest.publishMessage({ name: 'application-submitted', correlationKey: id, messageId: id, variables: { applicationId: id }, timeToLive: 60_000 }),
    ).rejects.toThrow(/ALREADY_EXISTS/);
    const after = await h.db('applications').where({ id }).first();
    expect(after.process_instance_key).toBe(first.process_instance_key);
    expect(await h.db('audit_events').where({ application_id: id }).pluck('step')).toEqual(['received', 'registered']);
  });
});
