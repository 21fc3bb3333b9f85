// Deploys every model, decision table and form in bpmn/ in one deployment. The engine keeps
// a resource's version when it has not changed, so deploying at each start is safe.
// Deployment goes over gRPC: it carries the files as bytes, so Norwegian letters in names
// arrive intact.
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

function asResource(file: string) {
  if (file.endsWith('.bpmn')) return { processFilename: file };
  if (file.endsWith('.dmn')) return { decisionFilename: file };
  return { formFilename: file };
}

type Deployed = { process?: { bpmnProcessId: string; version: number } };

export async function deployModels(camunda: Camunda8, files = modelFiles()) {
  const deployment = await camunda.getZeebeGrpcApiClient().deployResources(files.map(asResource) as never);
  return (deployment.deployments as Deployed[])
    .flatMap((d) => (d.process ? [{ processId: d.process.bpmnProcessId, version: d.process.version }] : []));
}
