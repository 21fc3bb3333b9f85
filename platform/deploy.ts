// Deploys every model, decision table and form in bpmn/ as one deployment over the engine's
// REST API. With duplicate filtering the engine keeps the versions it has when no file
// changed, so deploying at each start is safe. When any file changed, every resource gets a
// new version: the processes call their decision tables and forms with binding "deployment",
// so new cases use the tables and forms deployed with their process version and running
// cases keep theirs. Resources are named by their file name, as Camunda Modeler names them.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineClient } from './engine-client.ts';

export const modelsDir = fileURLToPath(new URL('../bpmn', import.meta.url));
export const deploymentName = 'hds-models';

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

export type DeployedResource = { kind: 'process' | 'decision'; id: string; version: number };

type Definition = { key: string; version: number };

// The versions the engine now runs of the processes and decisions in these files: the new
// ones, or (when nothing changed) the latest it already had.
async function latestVersions(engine: EngineClient, resources: ModelResource[]): Promise<DeployedResource[]> {
  const keys = (pattern: RegExp, ext: string) =>
    resources.filter((r) => r.name.endsWith(ext)).flatMap((r) => [...r.content.toString('utf8').matchAll(pattern)].map((m) => m[1]!));
  const processKeys = keys(/<bpmn:process id="([^"]+)"[^>]*isExecutable="true"/g, '.bpmn');
  const decisionKeys = keys(/<decision id="([^"]+)"/g, '.dmn');
  const latest = async (kind: DeployedResource['kind'], endpoint: string, ids: string[]) => {
    const found = await Promise.all(ids.map((id) => engine.call<Definition[]>('GET', `/${endpoint}?latestVersion=true&key=${encodeURIComponent(id)}`)));
    return found.flat().map((d) => ({ kind, id: d.key, version: d.version }));
  };
  return [...(await latest('process', 'process-definition', processKeys)), ...(await latest('decision', 'decision-definition', decisionKeys))];
}

// Fixtures of tests and benches go under names of their own, apart from the case models.
export async function deployResources(engine: EngineClient, resources: ModelResource[], name = deploymentName) {
  const form = new FormData();
  form.append('deployment-name', name);
  form.append('deployment-source', 'hds-case-service');
  form.append('enable-duplicate-filtering', 'true');
  for (const { name, content } of resources) form.append(name, new Blob([new Uint8Array(content)]), name);
  const deployment = await engine.call<{ id: string }>('POST', '/deployment/create', form);
  return { deploymentKey: deployment.id, resources: await latestVersions(engine, resources) };
}

export function deployModels(engine: EngineClient, files = modelFiles()) {
  return deployResources(engine, readModels(files));
}
