// Intake through the outbox: a case accepted by the API reaches the engine once, also when
// the engine is away at first or the relay sends the same command again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineClient } from '../../../platform/engine-client.ts';
import { createOutboxRelay } from '../../../platform/outbox-relay.ts';
import { settleIfLapsed } from '../../../store/permit/message-lapses.ts';
import { recordPath } from '../coverage.ts';
import { engine, findUserTask, type HistoricProcessInstance } from '../engine.ts';
import { eventually, log, startHarness, testConfig, validSubmission, type Harness } from '../harness.ts';
import { steps } from './case-steps.ts';
import { bearer } from '../auth.ts';
import { createMailDelivery } from '../../../platform/delivery.ts';

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
      return row?.process_instance_id ? row : undefined;
    },
    { what: `application ${id} to be registered` },
  );
}

// Every instance the engine has ever had for the case, running or finished.
function instancesOf(businessKey: string) {
  return engine.call<HistoricProcessInstance[]>('GET', `/history/process-instance?processInstanceBusinessKey=${businessKey}`);
}

describe('outbox relay', () => {
  it('keeps the command while the engine is unreachable and relays it once the engine answers', async () => {
    const id = await submit();
    const unreachable = createEngineClient({ ...testConfig().engine, url: 'http://127.0.0.1:9' });
    const deadRelay = createOutboxRelay({ db: h.db, engine: unreachable, log, delivery: createMailDelivery({ ...testConfig().mail, smtpHost: '127.0.0.1', smtpPort: 9 }), lapse: settleIfLapsed });

    expect(await deadRelay.relayDue()).toBe(0);
    const failed = await h.db('outbox').where({ application_id: id, command: 'correlate-message' }).first();
    expect(failed.relayed_at).toBeNull();
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toBeTruthy();
    expect((await h.db('applications').where({ id }).first()).status).toBe('received');
    expect(await instancesOf(id)).toEqual([]);

    await h.db('outbox').where({ application_id: id }).update({ next_attempt_at: h.db.fn.now() });
    expect(await h.relay.relayDue()).toBeGreaterThanOrEqual(1);
    const row = await registered(id);
    expect(row.process_instance_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect((await h.db('outbox').where({ application_id: id, command: 'correlate-message' }).first()).relayed_at).not.toBeNull();
    expect((await instancesOf(id)).map((i) => i.id)).toEqual([row.process_instance_id]);
  });

  it('starts no second case when the same command is relayed again', async () => {
    const id = await submit();
    await h.relay.relayDue();
    const first = await registered(id);
    const command = await h.db('outbox').where({ application_id: id, command: 'correlate-message' }).first();

    // The instance carries the id of the message that started it: what the relay looks for.
    const [started] = await engine.call<{ value: unknown }[]>('GET', `/history/variable-instance?processInstanceId=${first.process_instance_id}&variableName=startMessageId`);
    expect(started?.value).toBe(command.payload.messageId);

    // As after a crash between the engine's answer and the relay's own record: the row is due again.
    for (let repeat = 0; repeat < 2; repeat += 1) {
      await h.db('outbox').where({ id: command.id }).update({ relayed_at: null, next_attempt_at: h.db.fn.now() });
      expect(await h.relay.relayDue()).toBeGreaterThanOrEqual(1);
      expect((await h.db('outbox').where({ id: command.id }).first()).relayed_at).not.toBeNull();
    }

    const instances = await instancesOf(id);
    expect(instances.map((i) => [i.id, i.processDefinitionKey])).toEqual([[first.process_instance_id, 'hds-application']]);
    const after = await h.db('applications').where({ id }).first();
    expect(after.process_instance_id).toBe(first.process_instance_id);
    // The one case waits at its completeness check, registered once.
    await findUserTask(first.process_instance_id, 'check-completeness');
    expect(await steps(h, id)).toEqual(['received', 'registered', 'earlier-decision-checked']);
    await recordPath('hds-application', first.process_instance_id, 'register-application');
  });
});
