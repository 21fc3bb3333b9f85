// Every service task type in the models has a worker, and every worker serves a task in a
// model: a renamed task type or a forgotten worker fails here, not in production.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelFiles } from '../../../service/deploy.ts';
import { workers } from '../../../workers/index.ts';

function taskTypesInModels(): Set<string> {
  const types = new Set<string>();
  for (const file of modelFiles().filter((f) => f.endsWith('.bpmn'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/<zeebe:taskDefinition[^>]*\btype="([^"]+)"/g)) {
      types.add(match[1]!);
    }
  }
  return types;
}

describe('models and workers', () => {
  const modelTypes = taskTypesInModels();
  const workerTypes = new Set(workers.map((w) => w.taskType));

  it('finds task types in the models', () => {
    expect(modelTypes.size).toBeGreaterThan(0);
  });

  it('has a worker for every task type in the models', () => {
    expect([...modelTypes].filter((t) => !workerTypes.has(t))).toEqual([]);
  });

  it('has a task in some model for every worker', () => {
    expect([...workerTypes].filter((t) => !modelTypes.has(t))).toEqual([]);
  });

  it('has one worker per task type', () => {
    expect(workerTypes.size).toBe(workers.length);
  });
});
