// Four eyes before the fact, enforced by the engine (engine/…/FourEyes.java): whoever completed
// the legal assessment of a case can neither claim nor complete its decision task, and is told
// why in Norwegian, in the words Tasklist shows in its notice; another approver takes it as
// usual. Who assessed comes from the engine's history, so editing a variable changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployResources } from '../../../platform/deploy.ts';
import { engine, engineAs, findUserTask, waitForProcessInstanceState } from '../engine.ts';
import { testConfig } from '../harness.ts';

// The two tasks as the case model names them (bpmn/hds-application.bpmn), one after the other.
const model = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="four-eyes-check-definitions" targetNamespace="http://helsedata.no/bpmn/test">
  <bpmn:process id="four-eyes-check" name="Fire øyne (test)" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="started" />
    <bpmn:sequenceFlow id="to-assessment" sourceRef="started" targetRef="legal-assessment" />
    <bpmn:userTask id="legal-assessment" name="Juridisk vurdering" camunda:candidateGroups="saksbehandler" />
    <bpmn:sequenceFlow id="to-decision" sourceRef="legal-assessment" targetRef="make-decision" />
    <bpmn:userTask id="make-decision" name="Fatt vedtak" camunda:candidateGroups="beslutter" />
    <bpmn:sequenceFlow id="to-end" sourceRef="make-decision" targetRef="ended" />
    <bpmn:endEvent id="ended" />
  </bpmn:process>
</bpmn:definitions>
`);

// A revocation as the permit model has it (bpmn/hds-permit.bpmn): the case service starts it
// with the caseworker who asked, and an approver decides.
const revocationModel = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="four-eyes-revocation-definitions" targetNamespace="http://helsedata.no/bpmn/test">
  <bpmn:process id="four-eyes-revocation" name="Fire øyne ved tilbakekall (test)" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="started" />
    <bpmn:sequenceFlow id="to-decision" sourceRef="started" targetRef="decide-revocation" />
    <bpmn:userTask id="decide-revocation" name="Avgjør tilbakekall" camunda:candidateGroups="beslutter" />
    <bpmn:sequenceFlow id="to-end" sourceRef="decide-revocation" targetRef="ended" />
    <bpmn:endEvent id="ended" />
  </bpmn:process>
</bpmn:definitions>
`);

const revocationRefusal = 'Du ba selv om tilbakekallet og kan ikke avgjøre det (fire øyne-prinsippet). En annen beslutter må ta oppgaven.';

const refusal = 'Du vurderte saken selv og kan ikke fatte vedtaket (fire øyne-prinsippet). En annen beslutter må ta oppgaven.';

// What the engine answers a user, as Tasklist receives it: its notice shows the body's message.
async function answer(user: string, path: string, body: unknown): Promise<{ status: number; message?: string }> {
  const res = await fetch(`${testConfig().engine.url}/engine-rest${path}`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${user}:${user}`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, message: text ? (JSON.parse(text) as { message: string }).message : undefined };
}

const started: string[] = [];
async function assessedBy(assessor: string) {
  const { id } = await engine.call<{ id: string }>('POST', '/process-definition/key/four-eyes-check/start', { businessKey: `four-eyes-${Date.now()}` });
  started.push(id);
  const assessment = await findUserTask(id, 'legal-assessment');
  await engineAs(assessor).call('POST', `/task/${assessment.id}/claim`, { userId: assessor });
  await engineAs(assessor).call('POST', `/task/${assessment.id}/complete`, { variables: {} });
  return { id, decision: await findUserTask(id, 'make-decision') };
}

async function revocationRequestedBy(requester: string) {
  const { id } = await engine.call<{ id: string }>('POST', '/process-definition/key/four-eyes-revocation/start', {
    businessKey: `four-eyes-revocation-${Date.now()}`,
    variables: { revocationRequestedBy: { value: requester, type: 'String' } },
  });
  started.push(id);
  return { id, decision: await findUserTask(id, 'decide-revocation') };
}

beforeAll(async () => {
  await deployResources(engine, [{ name: 'four-eyes-check.bpmn', content: model }], 'four-eyes-check');
  await deployResources(engine, [{ name: 'four-eyes-revocation.bpmn', content: revocationModel }], 'four-eyes-revocation');
});
afterAll(async () => {
  for (const id of started) await engine.call('DELETE', `/process-instance/${id}?skipCustomListeners=true`).catch(() => undefined);
});

describe('four eyes in the engine', () => {
  it('refuses the assessor the claim of the decision task, with the reason in Norwegian', async () => {
    const { decision } = await assessedBy('allrounder');
    expect(await answer('allrounder', `/task/${decision.id}/claim`, { userId: 'allrounder' })).toEqual({ status: 403, message: refusal });
    const task = await engine.call<{ assignee: string | null }>('GET', `/task/${decision.id}`);
    expect(task.assignee).toBeNull();
  });

  it('refuses the assessor completing the decision task unclaimed', async () => {
    const { decision } = await assessedBy('allrounder');
    expect(await answer('allrounder', `/task/${decision.id}/complete`, { variables: {} })).toEqual({ status: 403, message: refusal });
    // As Tasklist submits a form.
    expect(await answer('allrounder', `/task/${decision.id}/submit-form`, { variables: {} })).toEqual({ status: 403, message: refusal });
    expect((await engine.call<{ id: string }>('GET', `/task/${decision.id}`)).id).toBe(decision.id);
  });

  it('reads the assessor from history, not from a variable anyone could edit', async () => {
    const { id, decision } = await assessedBy('allrounder');
    await engine.call('PUT', `/process-instance/${id}/variables/assessedBy`, { value: 'saksbehandler', type: 'String' });
    expect((await answer('allrounder', `/task/${decision.id}/claim`, { userId: 'allrounder' })).status).toBe(403);
  });

  it('lets another approver claim and complete the decision', async () => {
    const { id, decision } = await assessedBy('allrounder');
    await engineAs('beslutter').call('POST', `/task/${decision.id}/claim`, { userId: 'beslutter' });
    await engineAs('beslutter').call('POST', `/task/${decision.id}/complete`, { variables: {} });
    await waitForProcessInstanceState(id, 'COMPLETED');
  });

  it('lets the assessor decide a case someone else assessed', async () => {
    const { id, decision } = await assessedBy('saksbehandler');
    await engineAs('allrounder').call('POST', `/task/${decision.id}/claim`, { userId: 'allrounder' });
    await engineAs('allrounder').call('POST', `/task/${decision.id}/complete`, { variables: {} });
    await waitForProcessInstanceState(id, 'COMPLETED');
  });
});

describe('four eyes on a revocation', () => {
  it('refuses the caseworker who asked for it the claim of the decision, with the reason in Norwegian', async () => {
    const { decision } = await revocationRequestedBy('allrounder');
    expect(await answer('allrounder', `/task/${decision.id}/claim`, { userId: 'allrounder' })).toEqual({ status: 403, message: revocationRefusal });
    expect((await engine.call<{ assignee: string | null }>('GET', `/task/${decision.id}`)).assignee).toBeNull();
  });

  it('reads who asked from history up to the task, so a value sent with the completion changes nothing', async () => {
    const { decision } = await revocationRequestedBy('allrounder');
    const sentAlong = { variables: { revocationRequestedBy: { value: 'saksbehandler', type: 'String' } } };
    expect(await answer('allrounder', `/task/${decision.id}/complete`, sentAlong)).toEqual({ status: 403, message: revocationRefusal });
    expect((await engine.call<{ id: string }>('GET', `/task/${decision.id}`)).id).toBe(decision.id);
  });

  it('lets another approver decide it', async () => {
    const { id, decision } = await revocationRequestedBy('saksbehandler');
    await engineAs('allrounder').call('POST', `/task/${decision.id}/claim`, { userId: 'allrounder' });
    await engineAs('allrounder').call('POST', `/task/${decision.id}/complete`, { variables: {} });
    await waitForProcessInstanceState(id, 'COMPLETED');
  });
});
