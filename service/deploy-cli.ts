// `npm run deploy`: deploys bpmn/ to the engine the configuration points at (ZEEBE_GRPC_ADDRESS,
// CAMUNDA_AUTH_STRATEGY and the SDK's OAuth variables) and prints every process, decision and
// form with the version the engine now runs (the versions it already had when nothing changed).
import { createCamunda } from './camunda.ts';
import { loadConfig } from './config.ts';
import { deployModels } from './deploy.ts';

const config = loadConfig();
const camunda = createCamunda(config, { maxRetries: 5 });
try {
  const { deploymentKey, resources } = await deployModels(camunda);
  console.log(`Deployed bpmn/ to ${config.camunda.grpcAddress} (deployment ${deploymentKey}):`);
  for (const { kind, id, version } of resources) console.log(`  ${kind.padEnd(8)} ${id.padEnd(22)} version ${version}`);
} catch (err) {
  console.error(`Deployment to ${config.camunda.grpcAddress} failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await camunda.closeAllClients();
}
