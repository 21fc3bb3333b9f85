// Cockpit as a process owner uses it, in a real browser (Debian's chromium driven by
// playwright-core; CHROMIUM_PATH names another build): a process's tab "Saker" lists its
// running instances by case reference (engine/…/plugin-webapp/hds-cases/app/plugin.js), with
// their open incidents, each linked to the instance; the business key stays the application id
// that messages correlate on. Screenshots go to test-results/browser/.
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployResources } from '../../../platform/deploy.ts';
import { engine } from '../engine.ts';
import { testConfig } from '../harness.ts';
import { launchChromium, signIn } from './chromium.ts';

const webapps = `${testConfig().engine.url}/operaton/app`;
const screenshots = path.resolve('test-results/browser');

const model = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="case-references-check-definitions" targetNamespace="http://helsedata.no/bpmn/test">
  <bpmn:process id="case-references-check" name="Saksnummer i Cockpit (test)" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="started" />
    <bpmn:sequenceFlow id="to-work" sourceRef="started" targetRef="work" />
    <bpmn:serviceTask id="work" name="Arbeid" camunda:type="external" camunda:topic="case-references-check" />
    <bpmn:sequenceFlow id="to-end" sourceRef="work" targetRef="ended" />
    <bpmn:endEvent id="ended" />
  </bpmn:process>
</bpmn:definitions>
`);

let browser: Browser;
const started: string[] = [];

beforeAll(async () => {
  await mkdir(screenshots, { recursive: true });
  await deployResources(engine, [{ name: 'case-references-check.bpmn', content: model }], 'case-references-check');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  for (const id of started) await engine.call('DELETE', `/process-instance/${id}?skipCustomListeners=true`).catch(() => undefined);
});

// A case as the case service starts it: business key the application id, the reference a variable.
async function startCase(reference: string) {
  const applicationId = randomUUID();
  const { id } = await engine.call<{ id: string }>('POST', '/process-definition/key/case-references-check/start', {
    businessKey: applicationId,
    variables: { applicationId: { value: applicationId, type: 'String' }, applicationReference: { value: reference, type: 'String' } },
  });
  started.push(id);
  return { id, applicationId };
}

describe('Cockpit', () => {
  it('lists a process’s running cases by reference, with their incidents, linked to each instance', async () => {
    const run = Date.now().toString(36).toUpperCase();
    const calm = await startCase(`HDS-TEST-${run}-1`);
    const stuck = await startCase(`HDS-TEST-${run}-2`);
    const workerId = 'case-references-test';
    const [locked] = await engine.call<{ id: string }[]>('POST', '/external-task/fetchAndLock', {
      workerId,
      maxTasks: 1,
      topics: [{ topicName: 'case-references-check', lockDuration: 60_000, businessKey: stuck.applicationId }],
    });
    await engine.call('POST', `/external-task/${locked!.id}/failure`, { workerId, errorMessage: 'Oppgaven feilet (test).', retries: 0, retryTimeout: 0 });
    const [definition] = await engine.call<{ id: string }[]>('GET', '/process-definition?key=case-references-check&latestVersion=true');

    const page = await signIn(browser, { app: 'cockpit', user: 'prosesseier', signedIn: 'Per Prosesseier' });

    await page.goto(`${webapps}/cockpit/default/#/process-definition/${definition!.id}/runtime`);
    await page.getByRole('link', { name: 'Saker', exact: true }).click();
    const rowOf = (reference: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name: reference, exact: true }) });
    await rowOf(`HDS-TEST-${run}-2`).waitFor();
    expect((await rowOf(`HDS-TEST-${run}-1`).getByRole('cell').allInnerTexts()).map((t) => t.trim())).toEqual([`HDS-TEST-${run}-1`, calm.applicationId, '0']);
    expect((await rowOf(`HDS-TEST-${run}-2`).getByRole('cell').allInnerTexts()).map((t) => t.trim())).toEqual([`HDS-TEST-${run}-2`, stuck.applicationId, '1']);
    await page.screenshot({ path: path.join(screenshots, 'cockpit-case-references.png') });

    await rowOf(`HDS-TEST-${run}-2`).getByRole('link').click();
    await page.waitForURL(new RegExp(`#/process-instance/${stuck.id}/runtime`));
    await page.getByText(stuck.applicationId).first().waitFor();
    await page.context().close();
  });
});
