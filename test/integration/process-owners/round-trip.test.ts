// Process owners edit the models in Camunda Modeler (Camunda 7 platform), which reads and
// writes BPMN with bpmn-moddle and camunda-bpmn-moddle. Each model in bpmn/ must survive that
// trip whole: read, written back and read again, it says the same element by element, camunda
// attributes included, and the engine accepts the written model. Forms are JSON, and every
// form a user task links to must exist. At the end `npm run deploy` puts the original models
// back, so later tests run them.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { deployModels, deploymentName, modelFiles, readModels, type ModelResource } from '../../../platform/deploy.ts';
import { engine } from '../engine.ts';
import { changedIds, describedElements, modelContent, readModel, writeModel, type Entry } from './model-content.ts';

const bpmnFiles = modelFiles().filter((f) => f.endsWith('.bpmn'));
const formFiles = modelFiles().filter((f) => f.endsWith('.form'));

async function roundTrip(xml: string) {
  const written = await writeModel((await readModel(xml)).definitions);
  return { written, again: await readModel(written) };
}

const contentOf = async (xml: string) => modelContent((await readModel(xml)).definitions);

const countBy = (names: string[]) => {
  const counts: Record<string, number> = {};
  for (const name of names) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
};

const ofType = (elements: Entry[], type: string) => elements.filter((e) => e.$type === type);

describe.each(bpmnFiles.map((file) => [path.basename(file), readFileSync(file, 'utf8')]))('%s through Camunda Modeler\'s library', (_, xml) => {
  it('is read without warnings, with an entry for every id in the file', async () => {
    const { definitions, warnings } = await readModel(xml);
    expect(warnings).toEqual([]);
    const idsInFile = [...xml.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(Object.keys(modelContent(definitions)).sort()).toEqual(idsInFile);
  });

  it('reads every camunda extension in the file as what it is', async () => {
    const elements = describedElements(await contentOf(xml));
    // <camunda:inputOutput> is read as a camunda:InputOutput, and so on: none is dropped.
    // (A model may have none: hds-publication has only attributes.)
    const tagsInFile = countBy([...xml.matchAll(/<camunda:(\w+)/g)].map(([, tag]) => `camunda:${tag![0]!.toUpperCase()}${tag!.slice(1)}`));
    const typesRead = countBy(elements.map((e) => String(e.$type)).filter((type) => type.startsWith('camunda:')));
    expect(typesRead).toEqual(tagsInFile);
    // camunda:topic="..." is read as the property camunda-bpmn-moddle defines, not kept as an
    // unknown attribute (a misspelt one would be).
    const attributesInFile = countBy([...xml.matchAll(/\s(camunda:\w+)=/g)].map(([, name]) => name!));
    const attributesRead = countBy(elements.flatMap((e) => Object.keys(e).filter((key) => key.startsWith('camunda:'))));
    expect(Object.keys(attributesInFile).length).toBeGreaterThan(0);
    expect(attributesRead).toEqual(attributesInFile);
  });

  // The conventions of bpmn/README.md, which Operaton needs to run the model as intended.
  it('says what Operaton needs on every process, task and timer', async () => {
    const elements = describedElements(await contentOf(xml));
    for (const process of ofType(elements, 'bpmn:Process')) {
      expect(process).toMatchObject({ isExecutable: true, 'camunda:historyTimeToLive': 'P180D', 'camunda:isStartableInTasklist': false });
    }
    for (const task of ofType(elements, 'bpmn:ServiceTask')) {
      expect(task, String(task.id)).toMatchObject({ 'camunda:type': 'external', 'camunda:topic': expect.stringMatching(/^[a-z]+(-[a-z]+)*$/) });
    }
    for (const task of ofType(elements, 'bpmn:UserTask')) {
      expect(task, String(task.id)).toMatchObject({
        'camunda:formRef': expect.any(String),
        'camunda:formRefBinding': 'deployment',
        'camunda:candidateGroups': expect.stringMatching(/^(saksbehandler|beslutter)$/),
      });
    }
    for (const task of ofType(elements, 'bpmn:BusinessRuleTask')) {
      expect(task, String(task.id)).toMatchObject({ 'camunda:decisionRef': expect.any(String), 'camunda:decisionRefBinding': 'deployment' });
    }
    for (const timer of ofType(elements, 'bpmn:TimerEventDefinition')) {
      // The statutory warning's second time waits for an extension to move it (bpmn/README.md).
      if (timer.id === 'statutory-deadline-near-timer') expect(timer).toMatchObject({ timeCycle: { body: expect.stringMatching(/^R2\/\$\{\w+\}\/P100Y$/) } });
      else expect(timer, String(timer.id)).toMatchObject({ timeDate: { body: expect.stringMatching(/^\$\{\w+\}$/) } });
    }
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
    expect(content['hds-application']).toMatchObject({ 'camunda:historyTimeToLive': 'P180D' });
    expect(content['determine-fee']).toMatchObject({
      'camunda:decisionRef': 'fee',
      'camunda:decisionRefBinding': 'deployment',
      extensionElements: {
        values: [
          {
            $type: 'camunda:InputOutput',
            outputParameters: ['baseFeeNok', 'hourlyRateNok', 'feeExemption', 'feeReductionPercent'].map((name) => ({
              $type: 'camunda:OutputParameter',
              name,
              value: `\${decisionResult.getSingleResult().${name}}`,
            })),
          },
        ],
      },
    });
    expect(content['make-decision']).toMatchObject({
      $type: 'bpmn:UserTask',
      'camunda:formRef': 'decision',
      'camunda:formRefBinding': 'deployment',
      'camunda:candidateGroups': 'beslutter',
      'camunda:dueDate': '${statutoryDeadline}',
    });
    expect(content['issue-invoice']).toMatchObject({ $type: 'bpmn:ServiceTask', 'camunda:type': 'external', 'camunda:topic': 'issue-invoice' });
    expect(content['delivery-confirmed-message']).toEqual({ $type: 'bpmn:Message', id: 'delivery-confirmed-message', name: 'delivery-confirmed' });
    expect(content['statutory-deadline-passed-timer']).toMatchObject({ timeDate: { body: '${statutoryDeadline}' } });
    expect(content['flow-complete']).toMatchObject({ conditionExpression: { body: "${isComplete == 'yes'}" } });
    expect(content['custodian-hand-off']).toMatchObject({
      loopCharacteristics: { 'camunda:collection': '${custodianIds.lines().toList()}', 'camunda:elementVariable': 'custodianId' },
    });
  });

  // Each change to the written model must show up as a difference at the element it touches.
  it.each([
    ['a topic', 'camunda:topic="record-routing"', 'camunda:topic="record-routings"', ['record-routing']],
    ['the external task type', 'camunda:type="external" camunda:topic="record-routing"', 'camunda:topic="record-routing"', ['record-routing']],
    ['an output mapping', '<camunda:outputParameter name="routingRule">${decisionResult.getSingleResult().routingRule}</camunda:outputParameter>', '', ['determine-jurisdiction']],
    ['a called decision', 'camunda:decisionRef="jurisdiction"', 'camunda:decisionRef="jurisdictions"', ['determine-jurisdiction']],
    ['a decision binding', 'camunda:decisionRef="jurisdiction" camunda:decisionRefBinding="deployment"', 'camunda:decisionRef="jurisdiction"', ['determine-jurisdiction']],
    ['a linked form', 'camunda:formRef="decision"', 'camunda:formRef="decisions"', ['make-decision']],
    ['a form binding', 'camunda:formRef="decision" camunda:formRefBinding="deployment"', 'camunda:formRef="decision" camunda:formRefBinding="latest"', ['make-decision']],
    ['a candidate group', 'camunda:formRef="decision" camunda:formRefBinding="deployment" camunda:candidateGroups="beslutter"', 'camunda:formRef="decision" camunda:formRefBinding="deployment" camunda:candidateGroups="saksbehandler"', ['make-decision']],
    ['a due date', 'camunda:formRef="decision" camunda:formRefBinding="deployment" camunda:candidateGroups="beslutter" camunda:dueDate="${statutoryDeadline}"', 'camunda:formRef="decision" camunda:formRefBinding="deployment" camunda:candidateGroups="beslutter"', ['make-decision']],
    ['a timer', '${statutoryDeadline}</bpmn:timeDate>', '${statutoryWarningAt}</bpmn:timeDate>', ['statutory-deadline-passed-timer']],
    ['the history time to live', 'camunda:historyTimeToLive="P180D"', 'camunda:historyTimeToLive="P30D"', ['hds-application']],
    ['a message name', 'name="supplement-received"', 'name="supplement-recieved"', ['supplement-received-message']],
    ['a condition', "${isComplete == 'yes'}", "${isComplete == 'no'}", ['flow-complete']],
    ['a multi-instance element variable', 'camunda:elementVariable="custodianId"', 'camunda:elementVariable="custodian"', ['custodian-hand-off']],
    ['a name', 'name="Fatt vedtak"', 'name="Fatt vedtaket"', ['make-decision']],
    ['the place of a shape', '<dc:Bounds x="2610" y="290" width="100" height="80" />', '<dc:Bounds x="2630" y="290" width="100" height="80" />', ['determine-fee_di']],
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
      for (const task of ofType(describedElements(await contentOf(readFileSync(file, 'utf8'))), 'bpmn:UserTask')) linked.add(task['camunda:formRef']);
    }
    expect([...linked].sort()).toEqual(forms.map((f) => f.id).sort());
  });
});

type Definition = { key: string; version: number; historyTimeToLive: number | null };
type Deployment = { id: string; deployedProcessDefinitions: Record<string, Definition> | null; deployedDecisionDefinitions: Record<string, Definition> | null };

// As platform/deploy.ts deploys, but without duplicate filtering: the engine must parse the
// written models even when they are, byte for byte, the models it already runs.
async function deployUnfiltered(resources: ModelResource[]) {
  const form = new FormData();
  form.append('deployment-name', deploymentName);
  form.append('deployment-source', 'hds-case-service');
  for (const { name, content } of resources) form.append(name, new Blob([new Uint8Array(content)]), name);
  return engine.call<Deployment>('POST', '/deployment/create', form);
}

describe('the written models on the engine', () => {
  it('are accepted, and npm run deploy puts the originals back as the latest versions', async () => {
    const written = await Promise.all(
      readModels().map(async (model) =>
        model.name.endsWith('.bpmn') ? { ...model, content: Buffer.from((await roundTrip(model.content.toString('utf8'))).written) } : model,
      ),
    );
    const deployment = await deployUnfiltered(written);
    // The engine read the camunda attributes of the written models (historyTimeToLive is one),
    // and the decisions their business rule tasks call came in the same deployment.
    const processes = Object.values(deployment.deployedProcessDefinitions ?? {});
    expect(processes.map((p) => [p.key, p.historyTimeToLive]).sort()).toEqual([['hds-appeal', 180], ['hds-application', 180], ['hds-cost-estimate', 180], ['hds-fee-agreement', 180], ['hds-permit', 180], ['hds-publication', 180]]);
    expect(Object.values(deployment.deployedDecisionDefinitions ?? {}).map((d) => d.key).sort()).toEqual(['dispensation', 'fee', 'fee-reduction', 'jurisdiction', 'rulebook']);
    const resourceNames = (await engine.call<{ name: string }[]>('GET', `/deployment/${deployment.id}/resources`)).map((r) => r.name).sort();
    expect(resourceNames).toEqual(written.map((r) => r.name).sort());

    const { stdout } = await promisify(execFile)('npx', ['tsx', 'platform/deploy-cli.ts'], { env: process.env });
    const printed = [...stdout.matchAll(/^\s+(process|decision|form)\s+(\S+)\s+version (\d+)$/gm)].map(([, kind, id, version]) => ({ kind, id, version: Number(version) }));
    // Deploying the originals once more changes nothing when they are what the engine runs.
    const latest = (await deployModels(engine)).resources;
    expect(printed).toEqual(latest);
    expect(latest.map((r) => `${r.kind} ${r.id}`).sort()).toEqual(['decision dispensation', 'decision fee', 'decision fee-reduction', 'decision jurisdiction', 'decision rulebook', 'process hds-appeal', 'process hds-application', 'process hds-cost-estimate', 'process hds-fee-agreement', 'process hds-permit', 'process hds-publication']);
    for (const { id, version } of latest.filter((r) => r.kind === 'process')) {
      expect(version, id).toBeGreaterThanOrEqual(processes.find((p) => p.key === id)!.version);
    }
  });
});
