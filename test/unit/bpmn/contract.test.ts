// Every external task topic in the models has a worker, and every worker serves a task in a
// model: a renamed topic or a forgotten worker fails here, not in production.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelFiles } from '../../../platform/deploy.ts';
import { workers } from '../../../workers/index.ts';

// A service task's start tag, whatever its namespace prefix; quoted values may hold '>'.
const serviceTaskTag = /<(?:[\w.-]+:)?serviceTask\b(?:[^>"]|"[^"]*")*>/g;

function serviceTasksInModels() {
  return modelFiles()
    .filter((f) => f.endsWith('.bpmn'))
    .flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(serviceTaskTag)].map((match) => {
        const tag = match[0];
        const external = /\scamunda:type="external"/.test(tag);
        return { file, id: /\sid="([^"]+)"/.exec(tag)?.[1], topic: external ? /\scamunda:topic="([^"]+)"/.exec(tag)?.[1] : undefined };
      }),
    );
}

describe('models and workers', () => {
  const tasks = serviceTasksInModels();
  const modelTopics = new Set(tasks.flatMap((t) => (t.topic ? [t.topic] : [])));
  const workerTypes = new Set(workers.map((w) => w.topic));

  it('finds external task topics in the models', () => {
    expect(modelTopics.size).toBeGreaterThan(0);
  });

  it('makes every service task an external task with a topic', () => {
    expect(tasks.filter((t) => !t.topic).map((t) => `${t.file}#${t.id}`)).toEqual([]);
  });

  it('has a worker for every topic in the models', () => {
    expect([...modelTopics].filter((t) => !workerTypes.has(t))).toEqual([]);
  });

  it('has a task in some model for every worker', () => {
    expect([...workerTypes].filter((t) => !modelTopics.has(t))).toEqual([]);
  });

  it('has one worker per task type', () => {
    expect(workerTypes.size).toBe(workers.length);
  });
});
