// `npm run deploy`: deploys bpmn/ to the engine the configuration points at (ENGINE_URL,
// ENGINE_USER, ENGINE_PASSWORD) and prints every process and decision with the version the
// engine now runs (the versions it already had when nothing changed).
import { loadConfig } from './config.ts';
import { createEngineClient } from './engine-client.ts';
import { deployModels } from './deploy.ts';

const config = loadConfig();
const engine = createEngineClient(config.engine);

async function deployWithin(deadlineMs: number) {
  for (;;) {
    try {
      return await deployModels(engine);
    } catch (err) {
      const refused = (err as { status?: number }).status !== undefined;
      if (refused || Date.now() > deadlineMs) throw err;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
}

try {
  const { deploymentKey, resources } = await deployWithin(Date.now() + 30_000);
  console.log(`Deployed bpmn/ to ${config.engine.url} (deployment ${deploymentKey}):`);
  for (const { kind, id, version } of resources) console.log(`  ${kind.padEnd(8)} ${id.padEnd(22)} version ${version}`);
} catch (err) {
  console.error(`Deployment to ${config.engine.url} failed: ${(err as Error).message}`);
  process.exitCode = 1;
}
