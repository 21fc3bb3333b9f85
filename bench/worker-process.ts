// The job worker bench/workers.ts measures, in its own process: `runtime` is the project's
// worker runtime (workers/runtime.ts) serving a no-op declaration, `bare` a plain
// @camunda8/sdk worker completing the job at once. Both take jobs in batches of 32.
import { createCamunda } from '../service/camunda.ts';
import { connect } from '../service/db.ts';
import { createLogger } from '../service/logger.ts';
import { caseInput, defineWorker } from '../workers/declaration.ts';
import { startWorkers } from '../workers/runtime.ts';
import { benchConfig } from './lib.ts';

const kind = process.argv[2] as 'runtime' | 'bare';
const config = benchConfig(process.env.BENCH_DB_URL!);
const camunda = createCamunda(config);
const db = connect(config);

const noop = defineWorker({ taskType: 'bench-noop', input: caseInput(), handler: async () => ({}) });

function bare() {
  const worker = camunda.getZeebeGrpcApiClient().createWorker({
    taskType: 'bench-noop',
    maxJobsToActivate: 32,
    timeout: 60_000,
    taskHandler: (job) => job.complete(),
  });
  return { close: () => worker.close() };
}

const running = kind === 'runtime' ? startWorkers(camunda, [noop], { db, log: createLogger(config.logLevel) }) : bare();
console.log('ready');
process.once('SIGTERM', () => {
  void (async () => {
    await running.close();
    await camunda.closeAllClients();
    await db.destroy();
    process.exit(0);
  })();
});
