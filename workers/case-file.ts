// Small reads and writes of the case file that many workers share.
import type { Knex } from 'knex';
import { InvalidJobInput } from './declaration.ts';
import type { Submission } from '../domain/case-facts.ts';

type Db = Knex | Knex.Transaction;

export async function setStatus(db: Db, applicationId: string, status: string, now: Date) {
  await db('applications').where({ id: applicationId }).update({ status, updated_at: now });
}

export async function loadApplication(db: Db, applicationId: string) {
  const row = await db('applications').where({ id: applicationId }).first();
  if (!row) throw new InvalidJobInput(`No application ${applicationId} in the case file`);
  return row as { id: string; reference: string; status: string; application_type: string; submission: Submission; deciding_body: string | null };
}
