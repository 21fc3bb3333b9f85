// Integration tests need a PostgreSQL server (TEST_DATABASE_URL) and a running engine; the
// test script starts both. The database starts empty for each run. After the run, the paths
// the process tests recorded are added up into a coverage figure of the models.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import knex from 'knex';
import { migrate } from '../../service/db.ts';
import { modelFiles } from '../../service/deploy.ts';
import { coverageDir } from './coverage.ts';

const flowNodeTags = /^(startEvent|endEvent|intermediateCatchEvent|intermediateThrowEvent|boundaryEvent|task|serviceTask|userTask|businessRuleTask|receiveTask|sendTask|scriptTask|callActivity|subProcess|exclusiveGateway|parallelGateway|eventBasedGateway|inclusiveGateway)$/;

type Element = { processId: string; id: string; kind: 'flowNode' | 'sequenceFlow'; passedWith?: string };

function modelElements() {
  const elements: Element[] = [];
  for (const file of modelFiles().filter((f) => f.endsWith('.bpmn'))) {
    const xml = readFileSync(file, 'utf8');
    for (const process of xml.matchAll(/<bpmn:process id="([^"]+)"[\s\S]*?<\/bpmn:process>/g)) {
      const eventGateways = new Set([...process[0].matchAll(/<bpmn:eventBasedGateway id="([^"]+)"/g)].map((m) => m[1]));
      for (const [element, tag, id] of process[0].matchAll(/<bpmn:(\w+) id="([^"]+)"[^>]*>/g)) {
        if (tag === 'sequenceFlow') {
          // The engine records no taken flow out of an event-based gateway: such a flow was
          // passed when its event was.
          const source = /sourceRef="([^"]+)"/.exec(element!)?.[1];
          const target = /targetRef="([^"]+)"/.exec(element!)?.[1];
          elements.push({ processId: process[1]!, id: id!, kind: 'sequenceFlow', passedWith: eventGateways.has(source) ? target : undefined });
        } else if (flowNodeTags.test(tag!)) elements.push({ processId: process[1]!, id: id!, kind: 'flowNode' });
      }
    }
  }
  return elements;
}

function reportCoverage() {
  let files: string[] = [];
  try {
    files = readdirSync(coverageDir).filter((f) => f.endsWith('.json'));
  } catch {
    return;
  }
  const visited = new Set<string>();
  for (const file of files) {
    const run = JSON.parse(readFileSync(path.join(coverageDir, file), 'utf8'));
    for (const id of [...run.flowNodes, ...run.sequenceFlows]) visited.add(`${run.processId}/${id}`);
  }
  const elements = modelElements();
  const summary = (kind: string) => {
    const all = elements.filter((e) => e.kind === kind);
    const missed = all
      .filter((e) => !visited.has(`${e.processId}/${e.passedWith ?? e.id}`))
      .map((e) => `${e.processId}/${e.id}`);
    return { total: all.length, covered: all.length - missed.length, missed };
  };
  const report = { instances: files.length, flowNodes: summary('flowNode'), sequenceFlows: summary('sequenceFlow') };
  writeFileSync(path.resolve('test-results/process-coverage.json'), JSON.stringify(report, null, 2));
  const pct = (s: { total: number; covered: number }) => `${s.covered}/${s.total} (${Math.round((100 * s.covered) / s.total)}%)`;
  console.log(`\nModel coverage by process tests: flow nodes ${pct(report.flowNodes)}, sequence flows ${pct(report.sequenceFlows)} over ${files.length} instances`);
  const missed = [...report.flowNodes.missed, ...report.sequenceFlows.missed];
  if (missed.length) console.log(`  not passed: ${missed.join(', ')}`);
}

export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`');
  rmSync(coverageDir, { recursive: true, force: true });
  const db = knex({ client: 'pg', connection: url });
  try {
    await db.raw('drop schema if exists public cascade');
    await db.raw('create schema public');
    await migrate(db);
  } finally {
    await db.destroy();
  }
  return reportCoverage;
}
