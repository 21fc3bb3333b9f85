// Integration tests need a PostgreSQL server (TEST_DATABASE_URL) and a running engine; the
// test script starts both. The case file starts empty for each run (the engine keeps its own
// schema). After the run, the paths the process tests recorded are added up into a coverage
// figure of the models' flow nodes.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import knex from 'knex';
import { migrate } from '../../platform/db.ts';
import { modelFiles } from '../../platform/deploy.ts';
import { coverageDir } from './coverage.ts';

const flowNodeTags = /^(startEvent|endEvent|intermediateCatchEvent|intermediateThrowEvent|boundaryEvent|task|serviceTask|userTask|businessRuleTask|receiveTask|sendTask|scriptTask|callActivity|subProcess|exclusiveGateway|parallelGateway|eventBasedGateway|inclusiveGateway)$/;

type Element = { processId: string; id: string };

function modelFlowNodes() {
  const elements: Element[] = [];
  for (const file of modelFiles().filter((f) => f.endsWith('.bpmn'))) {
    const xml = readFileSync(file, 'utf8');
    for (const process of xml.matchAll(/<bpmn:process id="([^"]+)"[\s\S]*?<\/bpmn:process>/g)) {
      for (const [, tag, id] of process[0].matchAll(/<bpmn:(\w+) id="([^"]+)"[^>]*>/g)) {
        if (flowNodeTags.test(tag!)) elements.push({ processId: process[1]!, id: id! });
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
    for (const id of run.flowNodes) visited.add(`${run.processId}/${id}`);
  }
  const all = modelFlowNodes();
  const missed = all.filter((e) => !visited.has(`${e.processId}/${e.id}`)).map((e) => `${e.processId}/${e.id}`);
  const report = { instances: files.length, flowNodes: { total: all.length, covered: all.length - missed.length, missed } };
  writeFileSync(path.resolve('test-results/process-coverage.json'), JSON.stringify(report, null, 2));
  const pct = `${report.flowNodes.covered}/${all.length} (${Math.round((100 * report.flowNodes.covered) / all.length)}%)`;
  console.log(`\nModel coverage by process tests: flow nodes ${pct} over ${files.length} instances`);
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
