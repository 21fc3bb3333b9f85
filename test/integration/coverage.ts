// Which flow nodes and sequence flows of the models the process tests passed through. Each
// test records its instances; the global teardown adds them up (test/integration/global-setup.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { flowNodes } from './engine.ts';
import { eventually, testConfig } from './harness.ts';

export const coverageDir = path.resolve('test-results/process-coverage');
const webapps = testConfig().camunda.webappsUrl.replace(/\/$/, '');

async function operateCookie(): Promise<string> {
  const res = await fetch(`${webapps}/api/login?username=demo&password=demo`, { method: 'POST' });
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

// Operate is where taken sequence flows are kept; the REST search has only flow nodes.
async function sequenceFlows(processInstanceKey: string): Promise<string[]> {
  const res = await fetch(`${webapps}/api/process-instances/${processInstanceKey}/sequence-flows`, { headers: { cookie: await operateCookie() } });
  if (!res.ok) throw new Error(`Operate answered ${res.status} for the sequence flows of ${processInstanceKey}`);
  return ((await res.json()) as { activityId: string }[]).map((f) => f.activityId);
}

// Returns the ids of the elements the instance passed, once the given last element shows.
export async function recordPath(processId: string, processInstanceKey: string, lastElementId: string) {
  const nodes = await eventually(
    async () => {
      const found = await flowNodes(processInstanceKey);
      return found.some((n) => n.flowNodeId === lastElementId && n.state !== 'ACTIVE') ? found : undefined;
    },
    { what: `${lastElementId} in instance ${processInstanceKey}` },
  );
  // Operate imports taken flows a little after the flow nodes: read until two reads agree.
  let flows: string[] = [];
  await eventually(async () => {
    const previous = flows.length;
    flows = await sequenceFlows(processInstanceKey);
    return flows.length > 0 && flows.length === previous;
  }, { what: `sequence flows of ${processInstanceKey}`, intervalMs: 1_500 });
  const visited = { processId, flowNodes: [...new Set(nodes.map((n) => n.flowNodeId))], sequenceFlows: [...new Set(flows)] };
  mkdirSync(coverageDir, { recursive: true });
  writeFileSync(path.join(coverageDir, `${processInstanceKey}.json`), JSON.stringify(visited));
  return new Set([...visited.flowNodes, ...visited.sequenceFlows]);
}
