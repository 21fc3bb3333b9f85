// What every benchmark shares: its own database, tokens the API trusts, memory samples of a
// process, percentiles, progress lines and the results table.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { BasicAuthInterceptor, Client } from 'camunda-external-task-client-js';
import knex, { type Knex } from 'knex';
import { scopesOfRole, type Role } from '../api/auth.ts';
import { loadConfig, type Config } from '../platform/config.ts';
import { migrate } from '../platform/db.ts';
import { generateSigningKey, jwksOf, signToken } from '../platform/tokens.ts';

// A database of the bench's own (BENCH_DATABASE_URL, or hds_bench<suffix> on the local cluster).
export function benchDatabaseUrl(suffix = ''): string {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL + suffix;
  const name = `${process.env.HDS_BENCH_DB ?? 'hds_bench'}${suffix}`;
  return execFileSync('bash', ['scripts/postgres.sh'], { env: { ...process.env, HDS_TEST_DB: name }, encoding: 'utf8' }).trim();
}

// An empty case file at the latest migration.
export async function freshDatabase(url: string): Promise<Knex> {
  const db = knex({ client: 'pg', connection: url, pool: { min: 0, max: 10 } });
  await db.raw('drop schema if exists public cascade');
  await db.raw('create schema public');
  await migrate(db);
  return db;
}

const key = generateSigningKey();
// Helper processes trust the key of the process that started them.
const jwks = () => process.env.AUTH_JWKS || jwksOf(key);

// The service's settings as a production run would have them, trusting the bench's key; the
// rate limit is lifted so that it does not cap the load.
export function benchConfig(databaseUrl: string): Config {
  return loadConfig({ ...process.env, DATABASE_URL: databaseUrl, AUTH_JWKS: jwks(), AUTH_JWKS_URL: '', RATE_LIMIT_MAX: '100000000', LOG_LEVEL: 'warn' });
}

// A token with the claims the identity provider issues for the role.
export function bearer(role: Role, sub = `bench-${role}`) {
  const { auth } = loadConfig({});
  const token = signToken(key, { iss: auth.issuer, aud: auth.audience, sub, roles: [role], scope: scopesOfRole[role].join(' ') });
  return `Bearer ${token}`;
}

// Resident memory of a process, in MiB.
export function rssMiB(pid: number | 'self' = 'self'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

// Samples a process's memory every 250 ms until stopped; reports the peak and the last sample.
export function sampleRss(pid: number | 'self') {
  const samples: number[] = [];
  const take = () => {
    try {
      samples.push(rssMiB(pid));
    } catch {
      // The process has ended.
    }
  };
  take();
  const timer = setInterval(take, 250);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peakMiB: Math.round(Math.max(...samples)), lastMiB: Math.round(samples.at(-1)!) };
    },
  };
}

// CPU time a process has used so far (user and system), in milliseconds.
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

// Sequential GET requests over HTTP, each read to its end: p50 and p99 in ms. The first 20 warm
// caches and connections and are not counted.
export async function timeRequests(base: string, paths: () => string, headers: Record<string, string>, requests: number) {
  const times: number[] = [];
  for (let n = 0; n < requests + 20; n++) {
    const started = performance.now();
    const res = await fetch(base + paths(), { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET ${paths()} answered ${res.status}`);
    if (n >= 20) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: round(percentile(times, 50), 2), p99: round(percentile(times, 99), 2) };
}

export function progress(line: string) {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}

export function printTable(rows: Record<string, string | number>[]) {
  const columns = Object.keys(rows[0]!);
  const width = (c: string) => Math.max(c.length, ...rows.map((r) => String(r[c]).length));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(width(columns[i]!))).join(' | ')} |`;
  console.log(line(columns));
  console.log(`|${columns.map((c) => '-'.repeat(width(c) + 2)).join('|')}|`);
  for (const row of rows) console.log(line(columns.map((c) => String(row[c]))));
}

// Where the numbers were measured: the machine is shared, so its load is part of the result.
export function machine() {
  const cpuModel = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  const postgres = execFileSync('bash', ['-c', 'psql --version || true'], { encoding: 'utf8' }).trim();
  return `${cpus().length} CPUs (${cpuModel}), ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${postgres}, load ${execFileSync('uptime', { encoding: 'utf8' }).trim().replace(/.*load average: /, '')}`;
}

// Starts a bench helper (a server or a worker) in its own process, so that its memory and CPU
// are its own, and waits for its "ready" line. BENCH_NODE_ARGS passes flags to it, such as
// `--cpu-prof` to see where its time goes.
export async function startChild(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<ChildProcess> {
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], { env: { ...process.env, AUTH_JWKS: jwks(), ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} ended with ${code} before it was ready`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
  });
  return child;
}

export async function stopChild(child: ChildProcess) {
  const ended = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await ended;
}

// A bare camunda-external-task-client-js client signed in as the configured engine user: what
// the worker runtime is compared with.
export function bareClient(engine: Config['engine'], workerId: string, options: Record<string, unknown> = {}) {
  return new Client({
    baseUrl: `${engine.url}/engine-rest`,
    workerId,
    interceptors: new BasicAuthInterceptor({ username: engine.user, password: engine.password }),
    asyncResponseTimeout: 10_000,
    ...options,
  });
}
