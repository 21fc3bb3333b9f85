// Which flow nodes of the models the process tests passed through, from the engine's history.
// Each test records its instances; the global teardown adds them up
// (test/integration/global-setup.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { flowNodes } from './engine.ts';
import { eventually } from './harness.ts';

export const coverageDir = path.resolve('test-results/process-coverage');

// Returns the ids of the elements the instance passed, once the given last element shows.
export async function recordPath(processId: string, processInstanceId: string, lastElementId: string) {
  const nodes = await eventually(
    async () => {
      const found = await flowNodes(processInstanceId);
      return found.some((n) => n.activityId === lastElementId && n.endTime) ? found : undefined;
    },
    { what: `${lastElementId} in instance ${processInstanceId}` },
  );
  const visited = { processId, flowNodes: [...new Set(nodes.map((n) => n.activityId))] };
  mkdirSync(coverageDir, { recursive: true });
  writeFileSync(path.join(coverageDir, `${processInstanceId}.json`), JSON.stringify(visited));
  return new Set(visited.flowNodes);
}
