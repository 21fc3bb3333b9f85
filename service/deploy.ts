// Deploys every model, decision table and form in bpmn/ in one deployment. The engine keeps
// a resource's version when it has not changed, so deploying at each start is safe. When any
// resource in the deployment has changed, Camunda 8.6 gives every resource in it a new version;
// the processes call their decision tables with bindingType="deployment", so new cases use the
// tables deployed with their process version and running cases keep theirs.
// Resources are named by their file name, as Camunda Modeler names them, so an unchanged file
// is recognised whichever checkout or tool deploys it. Deployment goes over gRPC: it carries
// the files as bytes, so Norwegian letters in names arrive intact.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Camunda8 } from '@camunda8/sdk';

export const modelsDir = fileURLToPath(new URL('../bpmn', import.meta.url));

export function modelFiles(dir = modelsDir): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(bpmn|dmn|form)$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

export type ModelResource = { name: string; content: Buffer };

export function readModels(files = modelFiles()): ModelResource[] {
  return files.map((file) => ({ name: path.basename(file), content: readFileSync(file) }));
}

function asResource({ name, content }: ModelResource) {
  if (name.endsWith('.bpmn')) return { name, process: content };
  if (name.endsWith('.dmn')) return { name, decision: content };
  return { name, form: content };
}

export type DeployedResource = { kind: 'process' | 'decision' | 'form'; id: string; version: number };

type DeploymentItem = {
  process?: { bpmnProcessId: string; version: number };
  decision?: { dmnDecisionId: string; version: number };
  form?: { formId: string; version: number };
};

// Decision requirements graphs are left out: each holds one decision table here.
function describe(item: DeploymentItem): DeployedResource[] {
  if (item.process) return [{ kind: 'process', id: item.process.bpmnProcessId, version: item.process.version }];
  if (item.decision) return [{ kind: 'decision', id: item.decision.dmnDecisionId, version: item.decision.version }];
  if (item.form) return [{ kind: 'form', id: item.form.formId, version: item.form.version }];
  return [];
}

export async function deployResources(camunda: Camunda8, resources: ModelResource[]) {
  const deployment = await camunda.getZeebeGrpcApiClient().deployResources(resources.map(asResource));
  return { deploymentKey: deployment.key, resources: (deployment.deployments as DeploymentItem[]).flatMap(describe) };
}

export function deployModels(camunda: Camunda8, files = modelFiles()) {
  return deployResources(camunda, readModels(files));
}
