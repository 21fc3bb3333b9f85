// A retried appeal on the real engine and case file: an appeal starts a process instance of
// its own, so a retry that got through would start a second appeal. With the same
// Idempotency-Key the retry gets the first answer and nothing reaches the engine twice.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../auth.ts';
import { engine, findUserTask, type HistoricProcessInstance } from '../engine.ts';
import { eventually, startCase, startHarness, type Harness } from '../harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const appealInstances = (applicationId: string) =>
  engine.call<HistoricProcessInstance[]>('GET', `/history/process-instance?processDefinitionKey=hds-appeal&processInstanceBusinessKey=${applicationId}`);

describe('a retried appeal', { timeout: 120_000 }, () => {
  it('with the same Idempotency-Key starts one appeal: one message, one process instance, one appeal', async () => {
    const { id } = await startCase(h);
    await h.db('decisions').insert({ application_id: id, decided_by_body: 'HDS', outcome: 'refusal', decided_by: 'beslutter', appeal_deadline: '2026-11-23' });
    await h.db('applications').where({ id }).update({ status: 'closed' });
    const key = randomUUID();
    const send = () =>
      h.app.inject({
        method: 'POST',
        url: `/applications/${id}/appeals`,
        payload: { grounds: 'Formålet er innenfor registrenes formål.', sentOn: '2026-11-20' },
        headers: { ...bearer('integrator'), 'idempotency-key': key },
      });

    const first = await send();
    expect(first.statusCode, first.body).toBe(202);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    await h.relay.relayDue();
    const registered = await eventually(async () => h.db('appeals').where({ application_id: id }).first(), { what: 'the appeal to be registered' });
    await findUserTask(registered.process_instance_id, 'reconsider-decision');

    // The retry comes after the first appeal reached the engine, as a client's would after a
    // lost answer.
    const retry = await send();
    expect(retry.statusCode, retry.body).toBe(202);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().messageId).toBe(first.json().messageId);
    await h.relay.relayDue();

    const commands = (await h.db('outbox').where({ application_id: id })).filter((row) => row.payload.name === 'appeal-received');
    expect(commands.map((row) => row.payload.messageId)).toEqual([first.json().messageId]);
    expect(await h.db('outbox').where({ application_id: id }).whereNull('relayed_at')).toEqual([]);
    expect((await appealInstances(id)).map((instance) => instance.id)).toEqual([registered.process_instance_id]);
    expect(await h.db('appeals').where({ application_id: id })).toHaveLength(1);
  });
});
