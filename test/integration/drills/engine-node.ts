// Engine nodes of a drill's own, started with engine/start.sh on the test run's
// PostgreSQL database and engine schema: each is one more node of the cluster the test run's
// engine belongs to (the same deployments, instances and jobs), on a port of its own, so a
// drill can stop or kill it without hurting the engine the other tests use. Nodes given an
// engine schema of their own (ENGINE_DB_SCHEMA) form a cluster of their own instead.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const drillPorts = {
  a: Number(process.env.DRILL_ENGINE_PORT_A ?? 8096),
  b: Number(process.env.DRILL_ENGINE_PORT_B ?? 8097),
};

// The engine's job executor settings (operaton.bpm.job-execution.*, by Spring's binding of
// environment variables). A dead node's jobs stay locked until their lock expires: 5 minutes
// by default, 10 s here. An idle job executor polls at most every 60 s by default, and moving
// a timer's due date does not wake it: here it polls at least every second.
export const drillJobExecution: Record<string, string> = {
  OPERATON_BPM_JOB_EXECUTION_LOCK_TIME_IN_MILLIS: '10000',
  OPERATON_BPM_JOB_EXECUTION_WAIT_TIME_IN_MILLIS: '500',
  OPERATON_BPM_JOB_EXECUTION_MAX_WAIT: '1000',
};
export const drillLockTimeMs = Number(drillJobExecution.OPERATON_BPM_JOB_EXECUTION_LOCK_TIME_IN_MILLIS);

// The engine takes the database as JDBC URL, user and password; the tests have one URL.
function engineDatabase(databaseUrl: string) {
  const url = new URL(databaseUrl);
  return {
    ENGINE_JDBC_URL: `jdbc:postgresql://${url.host}${url.pathname}`,
    ENGINE_DB_USER: decodeURIComponent(url.username),
    ENGINE_DB_PASSWORD: decodeURIComponent(url.password),
  };
}

// A process killed with SIGKILL stays a zombie until its parent reaps it: dead all the same.
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

export type EngineNode = ReturnType<typeof engineNode>;

// env adds to the node's environment (more Spring settings, log levels).
export function engineNode(port: number, env: Record<string, string> = {}) {
  const dataDir = join(tmpdir(), `hds-drill-engine-${port}`);
  const pidFile = join(dataDir, `node-${port}.pid`);
  const scriptEnv = {
    ...process.env,
    ...engineDatabase(process.env.TEST_DATABASE_URL!),
    ENGINE_PORT: String(port),
    ENGINE_DATA_DIR: dataDir,
    ...drillJobExecution,
    ...env,
  };
  const script = (name: string) => run('bash', [`engine/${name}`], { env: scriptEnv });
  const pid = () => (existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : undefined);

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    logFile: join(dataDir, `node-${port}.log`),
    // Waits until the node answers; a node already running is left as it is.
    start: () => script('start.sh'),
    // A clean shutdown, as an operator stops a node.
    stop: () => script('stop.sh'),
    // The node stops where it is (SIGSTOP), holding what it has locked, as a hung node does.
    freeze() {
      const id = pid();
      if (id && alive(id)) process.kill(id, 'SIGSTOP');
    },
    // The node goes on (SIGCONT) after a freeze.
    resume() {
      const id = pid();
      if (id && alive(id)) process.kill(id, 'SIGCONT');
    },
    // The node dies at once: no shutdown, its open transactions roll back, its locks stay. Its
    // pid file goes too, so that start.sh starts it anew.
    async kill() {
      const id = pid();
      if (id && alive(id)) {
        process.kill(id, 'SIGKILL');
        while (alive(id)) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      rmSync(pidFile, { force: true });
    },
  };
}
