// The external-task worker bench/workers.ts measures, in its own process: `runtime` is the
// project's worker runtime (workers/runtime.ts) serving a no-op declaration, `bare` a plain
// camunda-external-task-client-js subscription completing each task at once. Both fetch up to
// 32 tasks per poll, poll again 100 ms after a poll returns, and lock tasks for 60 s, as the
// runtime does.
import { connect } from '../platform/db.ts';
import { createLogger } from '../platform/logger.ts';
import { caseInput, defineWorker } from '../workers/declaration.ts';
import { startWorkers } from '../workers/runtime.ts';
import { bareClient, benchConfig } from './lib.ts';

const kind = process.argv[2] as 'runtime' | 'bare';
const config = benchConfig(process.env.BENCH_DB_URL!);
const db = connect(config);

const noop = defineWorker({ topic: 'bench-noop', input: caseInput(), handler: async () => ({}) });

function bare() {
  const client = bareClient(config.engine, `bench-bare-${process.pid}`, { maxTasks: 32, interval: 100 });
  client.subscribe('bench-noop', { lockDuration: 60_000 }, ({ task, taskService }) => taskService.complete(task));
  return { close: async () => client.stop() };
}

const running = kind === 'runtime' ? startWorkers(config.engine, [noop], { db, log: createLogger(config.logLevel) }) : bare();
console.log('ready');
process.once('SIGTERM', () => {
  void (async () => {
    await running.close();
    await db.destroy();
    process.exit(0);
  })();
});
