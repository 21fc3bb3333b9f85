// Cockpit, Admin and the Welcome app in Norwegian bokmål for every user, in a real browser
// (Debian's chromium driven by playwright-core; CHROMIUM_PATH names another build) that asks for
// English: a process owner's dashboard, a process definition and a running instance with its
// variables and an incident, an administrator's user list and group page, and the Welcome page
// show none of Operaton's English and do show its bokmål
// (engine/…/webjars/operaton/app/{cockpit,admin,welcome}/locales/nb.json, and
// cockpit/scripts/nb-fixed-texts.js for the few texts Operaton's templates hold in English).
// Screenshots go to test-results/browser/.
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployResources } from '../../../platform/deploy.ts';
import { engine } from '../engine.ts';
import { testConfig } from '../harness.ts';
import { launchChromium, signIn } from './chromium.ts';

const webapps = `${testConfig().engine.url}/operaton/app`;
const screenshots = path.resolve('test-results/browser');

// What Cockpit, Admin and the Welcome app say in English, none of which may show (issue 19).
const english = [
  'Dashboard', 'Processes', 'Process Definitions', 'Process Instances', 'Decisions', 'Human Tasks', 'Deployments', 'Batches', 'More',
  'Running Instances', 'Incidents', 'Open Incidents', 'Variables', 'Variable', 'Search', 'Add criteria', 'Instance ID', 'Business Key',
  'Start Time', 'Definition Version', 'Activity', 'Message', 'Users', 'Groups', 'Tenants', 'Authorizations', 'First Name', 'Last Name',
  'Edit', 'Delete', 'Actions', 'Select all', 'Group Details', 'Update Group', 'Log out', 'ago', 'Powered by', 'Date and Time', 'no diagram to display',
  'Applications', 'Links', 'Documentation', 'Profile', 'Edit profile', 'Change password',
];
const failureMessage = 'Registeret svarte ikke (test).';

const model = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="cockpit-norwegian-check-definitions" targetNamespace="http://helsedata.no/bpmn/test">
  <bpmn:process id="cockpit-norwegian-check" name="Norsk Cockpit (test)" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="started" />
    <bpmn:sequenceFlow id="to-fetch" sourceRef="started" targetRef="fetch" />
    <bpmn:serviceTask id="fetch" name="Hent data" camunda:type="external" camunda:topic="cockpit-norwegian-check" />
    <bpmn:sequenceFlow id="to-end" sourceRef="fetch" targetRef="ended" />
    <bpmn:endEvent id="ended" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="cockpit-norwegian-check">
      <bpmndi:BPMNShape id="started-shape" bpmnElement="started"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="fetch-shape" bpmnElement="fetch"><dc:Bounds x="190" y="78" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="ended-shape" bpmnElement="ended"><dc:Bounds x="350" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="to-fetch-edge" bpmnElement="to-fetch"><di:waypoint x="136" y="118" /><di:waypoint x="190" y="118" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="to-end-edge" bpmnElement="to-end"><di:waypoint x="290" y="118" /><di:waypoint x="350" y="118" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`);

let browser: Browser;
let processInstanceId: string;
let processDefinitionId: string;

// A running case whose external task failed for good: variables and one open incident.
beforeAll(async () => {
  await mkdir(screenshots, { recursive: true });
  await deployResources(engine, [{ name: 'cockpit-norwegian-check.bpmn', content: model }], 'cockpit-norwegian-check');
  const applicationId = randomUUID();
  const started = await engine.call<{ id: string; definitionId: string }>('POST', '/process-definition/key/cockpit-norwegian-check/start', {
    businessKey: applicationId,
    variables: {
      applicationId: { value: applicationId, type: 'String' },
      applicationReference: { value: `HDS-TEST-${Date.now().toString(36).toUpperCase()}`, type: 'String' },
    },
  });
  processInstanceId = started.id;
  processDefinitionId = started.definitionId;
  const workerId = 'cockpit-norwegian-test';
  const [locked] = await engine.call<{ id: string }[]>('POST', '/external-task/fetchAndLock', {
    workerId,
    maxTasks: 1,
    topics: [{ topicName: 'cockpit-norwegian-check', lockDuration: 60_000, businessKey: applicationId }],
  });
  await engine.call('POST', `/external-task/${locked!.id}/failure`, { workerId, errorMessage: failureMessage, retries: 0, retryTimeout: 0 });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  if (processInstanceId) await engine.call('DELETE', `/process-instance/${processInstanceId}?skipCustomListeners=true`).catch(() => undefined);
});

// A browser that prefers English, as an unconfigured one does; the login page is the app's own.
const logIn = (app: 'cockpit' | 'admin' | 'welcome', user: string, displayName: string) =>
  signIn(browser, { app, user, signedIn: displayName, locale: 'en-US' });

// The English of the list above that the page's visible text holds, as whole words.
async function englishOn(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return english.filter((phrase) => new RegExp(`(^|[^\\p{L}])${phrase}([^\\p{L}]|$)`, 'u').test(text));
}

async function expectNorwegian(page: Page, screenshot: string, norwegian: string[]) {
  for (const text of norwegian) await page.getByText(text, { exact: true }).filter({ visible: true }).first().waitFor();
  await page.screenshot({ path: path.join(screenshots, `${screenshot}.png`), fullPage: true });
  expect(await englishOn(page)).toEqual([]);
}

describe('Cockpit, Admin and Welcome in Norwegian', () => {
  it('shows a process owner the dashboard, a process and a running instance with its variables and incident in bokmål', async () => {
    const page = await logIn('cockpit', 'prosesseier', 'Per Prosesseier');
    await expectNorwegian(page, 'cockpit-nb-dashboard', ['Prosesser', 'Beslutninger', 'Løpende prosessinstanser', 'Åpne feil', 'Prosessdefinisjoner', 'Utrullinger']);

    await page.goto(`${webapps}/cockpit/default/#/process-definition/${processDefinitionId}/runtime`);
    await page.getByRole('link', { name: processInstanceId }).waitFor();
    await expectNorwegian(page, 'cockpit-nb-process-definition', ['Prosessinstanser', 'Feil', 'Saker', 'Definisjonsversjon:', 'Løpende instanser:']);
    // Our tab "Saker" says in bokmål, not in the browser's English, that the engine did not answer.
    await page.route('**/case-references**', (route) => route.abort());
    await page.getByRole('link', { name: 'Saker', exact: true }).click();
    await page.getByText('Sakene kunne ikke lastes (prosessmotoren svarte ikke). Last siden på nytt og prøv igjen.').waitFor();
    await page.unroute('**/case-references**');

    await page.goto(`${webapps}/cockpit/default/#/process-instance/${processInstanceId}/runtime?tab=variables-tab`);
    // A process owner reads no variable (they hold personal data), and is told so.
    await expectNorwegian(page, 'cockpit-nb-instance-variables', ['Variabler', 'Forretningsnøkkel:', 'Ingen prosessvariabler du kan lese. Variablene kan inneholde personopplysninger og vises bare for saksbehandlere og beslutter.']);

    await page.getByRole('link', { name: 'Feil', exact: true }).click();
    await page.getByRole('row').filter({ hasText: failureMessage }).waitFor();
    await expectNorwegian(page, 'cockpit-nb-instance-incident', ['Melding', 'Aktivitet', 'Handling']);
    await page.context().close();
  });

  it('shows an administrator the user list and a group page in bokmål', async () => {
    const page = await logIn('admin', 'demo', 'Demo Administrator');
    await page.goto(`${webapps}/admin/default/#/users`);
    await page.getByRole('link', { name: 'prosesseier', exact: true }).waitFor();
    await expectNorwegian(page, 'admin-nb-users', ['Brukere', 'Grupper', 'Tilganger', 'Liste over brukere', 'Legg til bruker', 'Fornavn*']);

    await page.goto(`${webapps}/admin/default/#/groups/prosesseier?tab=group`);
    await page.getByRole('textbox').first().waitFor();
    await expectNorwegian(page, 'admin-nb-group', ['Om gruppen', 'Gruppenavn*', 'Oppdater gruppen', 'Slett gruppen']);

    await page.getByRole('link', { name: 'Demo Administrator' }).click();
    await page.getByRole('link', { name: 'Logg ut' }).waitFor();
    await page.context().close();
  });

  it('shows a user the Welcome page in bokmål', async () => {
    const page = await logIn('welcome', 'demo', 'Demo Administrator');
    await expectNorwegian(page, 'welcome-nb', ['Applikasjoner', 'Lenker', 'Dokumentasjon', 'Profil', 'Endre profil', 'Endre passord']);
    await page.context().close();
  });
});
