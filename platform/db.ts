// The case file's database: a PostgreSQL server when DATABASE_URL is set, otherwise PGlite
// (PostgreSQL compiled to WASM) in a local folder, so a newcomer needs no server.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import { migrationSource } from '../migrations/index.ts';
import type { Config } from './config.ts';

export function connect(config: Pick<Config, 'databaseUrl' | 'pgliteDir'>): Knex {
  if (config.databaseUrl) {
    // A request waits at most a few seconds for a connection: when the server is away the API
    // answers 503 soon rather than holding the client.
    return knex({ client: 'pg', connection: config.databaseUrl, pool: { min: 0, max: 10 }, acquireConnectionTimeout: 5_000 });
  }
  mkdirSync(path.dirname(path.resolve(config.pgliteDir)), { recursive: true });
  return knex({
    client: ClientPgLite,
    dialect: 'postgres',
    connection: { filename: path.resolve(config.pgliteDir) },
  } as Knex.Config);
}

export async function migrate(db: Knex): Promise<string[]> {
  const [, applied] = await db.migrate.latest({ migrationSource });
  return applied as string[];
}

// Whether the database answers (readiness).
export async function ping(db: Knex): Promise<void> {
  await db.raw('select 1');
}
