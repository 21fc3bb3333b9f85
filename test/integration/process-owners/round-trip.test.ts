// Process owners edit the models in Camunda Modeler, which reads and writes BPMN with
// bpmn-moddle and zeebe-bpmn-moddle. Each model in bpmn/ must survive that trip whole: read,
// written back and read again, it says the same element by element, and the engine accepts
// the written model. Forms are JSON, and every form a user task links to must exist. At the
// end `npm run deploy` puts the original models back, so later tests run them.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Camunda8 } from '@camunda8/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCamunda } from '../../../service/camunda.ts';
import { deployModels, deployResources, modelFiles, readModels } from '../../../service/deploy.ts';
import { testConfig } from '../harness.ts';
import { changedIds, describedElements, modelContent, readModel, writeModel } from './model-content.ts';

const bpmnFiles = modelFiles().filter((f) => f.endsWith('.bpmn'));
const formFiles = modelFiles().filter((f) => f.endsWith('.form'));

async function roundTrip(xml: string) {
  const written = await writeModel((await readModel(xml)).definitions);
  return { written, again: await readModel(written) };
}

const contentOf = async (xml: string) => modelContent((await readModel(xml)).definitions);

describe.each(bpmnFiles.map((file) => [path.basename(file), readFileSync(file, 'utf8')]))('%s through Camunda Modeler\'s library', (_, xml) => {
  it('is read without warnings, with an entry for every id in the file', async () => {
    const { definitions, warnings } = await readModel(xml);
    expect(warnings).toEqual([]);
    const idsInFile = [...xml.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(Object.keys(modelContent(definitions)).sort()).toEqual(idsInFile);
  });

  it('reads every zeebe extension in the file as what it is', async () => {
    // <zeebe:taskDefinition> is read as a zeebe:TaskDefinition, and so on: none is dropped.
    const inFile = new Map<string, number>();
    for (const [, tag] of xml.matchAll(/<zeebe:(\w+)/g)) {
      const type = `zeebe:${tag![0]!.toUpperCase()}${tag!.slice(1)}`;
      inFile.set(type, (inFile.get(type) ?? 0) + 1);
    }
    const read = new Map<string, number>();
    for (const { $type } of describedElements(await contentOf(xml))) {
      if (String($type).startsWith('zeebe:')) read.set(String($type), (read.get(String($type)) ?? 0) + 1);
    }
    expect(inFile.size).toBeGreaterThan(0);
    expect(Object.fromEntries(read)).toEqual(Object.fromEntries(inFile));
  });

  it('says the same after it is written back', async () => {
    const { again } = await roundTrip(xml);
    expect(again.warnings).toEqual([]);
    expect(modelContent(again.definitions)).toEqual(await contentOf(xml));
  });
});

describe('the comparison of a model with its round trip', () => {
  const applicationXml = readFileSync(bpmnFiles.find((f) => f.endsWith('hds-application.bpmn'))!, 'utf8');

  it('holds what a process owner edits', async () => {
    const content = await contentOf(applicationXml);
    const extension = (id: string) => (content[id]!.extensionElements as { values: unknown[] }).values;
    expect(extension('determine-fee')).toEqual([{ $type: 'zeebe:CalledDecision', decisionId: 'fee', resultVariable: 'fee', bindingType: 'deployment' }]);
    expect(extension('determine-jurisdiction')).toContainEqual(expect.objectContaining({ $type: 'zeebe:IoMapping' }));
    expect(extension('make-decision')).toEqual([
      { $type: 'zeebe:UserTask' },
      { $type: 'zeebe:FormDefinition', formId: 'decision' },
      { $type: 'zeebe:AssignmentDefinition', candidateGroups: 'beslutter' },
    ]);
    expect(extension('issue-invoice')).toEqual([{ $type: 'zeebe:TaskDefinition', type: 'issue-invoice', retries: '5' }]);
    expect(content['delivery-confirmed-message']).toMatchObject({ name: 'delivery-confirmed', extensionElements: { values: [{ correlationKey: '=applicationId + "/" + custodianId' }] } });
    expect(content['statutory-deadline-passed-timer']).toMatchObject({ timeDate: { body: '=date and time(statutoryDeadline)' } });
    expect(content['flow-complete']).toMatchObject({ conditionExpression: { body: '=isComplete = "yes"' } });
    expect(content['custodian-hand-off']).toMatchObject({ loopCharacteristics: { extensionElements: { values: [{ inputCollection: '=custodianIds', inputElement: 'custodianId' }] } } });
  });

  // Each change to the written model must show up as a difference at the element it touches.
  it.each([
    ['a task type', 'type="issue-invoice"', 'type="issue-invoices"', ['issue-invoice']],
    ['the retries of a task', '<zeebe:taskDefinition type="record-decision" retries="8" />', '<zeebe:taskDefinition type="record-decision" />', ['record-decision']],
    ['an output mapping', '<zeebe:output source="=jurisdiction.routingRule" target="routingRule" />', '', ['determine-jurisdiction']],
    ['a called decision', 'decisionId="fee"', 'decisionId="fees"', ['determine-fee']],
    ['a binding type', 'resultVariable="fee" bindingType="deployment"', 'resultVariable="fee"', ['determine-fee']],
    ['a linked form', 'formId="decision"', 'formId="decisions"', ['make-decision']],
    ['a candidate group', 'candidateGroups="beslutter"', 'candidateGroups="saksbehandler"', ['make-decision']],
    ['a timer', '=date and time(statutoryDeadline)', '=date and time(statutoryWarningAt)', ['statutory-deadline-passed-timer']],
    ['a message name', 'name="supplement-received"', 'name="supplement-recieved"', ['supplement-received-message']],
    ['a correlation key', 'correlationKey="=applicationId + &#34;/&#34; + custodianId"', 'correlationKey="=applicationId"', ['delivery-confirmed-message']],
    ['a condition', '=isComplete = "yes"', '=isComplete = "no"', ['flow-complete']],
    ['a multi-instance input', 'inputElement="custodianId"', 'inputElement="custodian"', ['custodian-hand-off']],
    ['a name', 'name="Fatt vedtak"', 'name="Fatt vedtaket"', ['make-decision']],
    ['the place of a shape', '<dc:Bounds x="2725" y="30" width="100" height="80" />', '<dc:Bounds x="2745" y="30" width="100" height="80" />', ['determine-fee_di']],
  ])('notices when %s changes', async (_, before, after, changed) => {
    const { written } = await roundTrip(applicationXml);
    expect(written.split(before)).toHaveLength(2); // the change touches one place
    expect(changedIds(await contentOf(applicationXml), await contentOf(written.replace(before, after)))).toEqual(changed);
  });
});

describe('forms', () => {
  const forms = formFiles.map((file) => JSON.parse(readFileSync(file, 'utf8')) as { id?: unknown; components?: unknown });

  it('are Camunda Forms with ids of their own', () => {
    for (const form of forms) expect(form).toMatchObject({ id: expect.any(String), components: expect.any(Array) });
    const ids = forms.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('exist for every form a user task links to, and each is linked', async () => {
    const linked = new Set<unknown>();
    for (const file of bpmnFiles) {
      for (const element of describedElements(await contentOf(readFileSync(file, 'utf8')))) {
        if (element.$type === 'zeebe:FormDefinition') linked.add(element.formId);
      }
    }
    expect([...linked].sort()).toEqual(forms.map((f) => f.id).sort());
  });
});

describe('the written models on the engine', () => {
  let camunda: Camunda8;
  beforeAll(() => {
    camunda = createCamunda(testConfig());
  });
  afterAll(async () => camunda?.closeAllClients());

  it('are accepted, and npm run deploy puts the originals back as the latest versions', async () => {
    const written = await Promise.all(
      readModels().map(async (model) =>
        model.name.endsWith('.bpmn') ? { ...model, content: Buffer.from((await roundTrip(model.content.toString('utf8'))).written) } : model,
      ),
    );
    const { resources } = await deployResources(camunda, written);
    expect(resources.filter((r) => r.kind === 'process').map((r) => r.id).sort()).toEqual(['hds-appeal', 'hds-application']);

    const { stdout } = await promisify(execFile)('npx', ['tsx', 'service/deploy-cli.ts'], { env: process.env });
    const printed = [...stdout.matchAll(/^\s+(process|decision|form)\s+(\S+)\s+version (\d+)$/gm)].map(([, kind, id, version]) => ({ kind, id, version: Number(version) }));
    // Deploying the originals once more changes nothing when they are what the engine runs.
    const latest = (await deployModels(camunda)).resources;
    expect(printed).toEqual(latest);
    expect(latest.map((r) => `${r.kind} ${r.id}`).sort()).toEqual(resources.map((r) => `${r.kind} ${r.id}`).sort());
  });
});
