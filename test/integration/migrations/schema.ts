// A schema of its own for a migration test, beside the shared test tables, with every migration
// before the one under test applied; drop() removes it.
import knex, { type Knex } from 'knex';
import { migrationSource } from '../../../migrations/index.ts';

export async function migratedUpTo(version: string): Promise<{ db: Knex; config: Knex.MigratorConfig; drop: () => Promise<void> }> {
  const schema = `migration_${version}_${process.pid}`;
  const admin = knex({ client: 'pg', connection: process.env.TEST_DATABASE_URL });
  await admin.raw(`create schema ${schema}`);
  await admin.destroy();
  const db = knex({ client: 'pg', connection: process.env.TEST_DATABASE_URL, searchPath: [schema], pool: { min: 1, max: 1 } });
  const config = { migrationSource, schemaName: schema };
  while (!(await db.migrate.list(config))[1].every((pending: { file: string } | string) => String(typeof pending === 'string' ? pending : pending.file) >= version)) {
    await db.migrate.up(config);
  }
  const drop = async () => {
    await db.raw(`drop schema if exists ${schema} cascade`);
    await db.destroy();
  };
  return { db, config, drop };
}
