// Integration tests need a PostgreSQL server (TEST_DATABASE_URL) and a running engine; the
// test script starts both. The database starts empty for each run.
import knex from 'knex';
import { migrate } from '../../service/db.ts';

export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`');
  const db = knex({ client: 'pg', connection: url });
  try {
    await db.raw('drop schema if exists public cascade');
    await db.raw('create schema public');
    await migrate(db);
  } finally {
    await db.destroy();
  }
}
