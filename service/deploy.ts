// Deploys every model, decision table and form in bpmn/. The engine keeps a resource's
// version when it has not changed, so deploying at each start is safe.
import { readdirSync } from 'node:fs';
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

export async function deployModels(camunda: Camunda8, files = modelFiles()) {
  const deployment = await camunda.getCamundaRestClient().deployResourcesFromFiles(files);
  return deployment.processes.map((p) => ({ processId: p.processDefinitionId, version: p.processDefinitionVersion }));
}
