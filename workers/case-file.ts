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
  return row as { id: string; reference: string; status: string; application_type: string; received_at: Date; submission: Submission; deciding_body: string | null };
}

// What the applicant was last asked to supply, for the reminder and the rejection.
export async function lastRequestedMissing(db: Db, applicationId: string): Promise<string> {
  const request = await db('audit_events').where({ application_id: applicationId }).andWhere('step', 'like', 'supplement-requested:%').orderBy('id', 'desc').first('detail');
  return request?.detail?.missing ?? 'Opplysninger etter kompletthetsvurdering';
}

// The appeal an appeal instance handles, and the decision it appeals, for its letters.
export async function appealFacts(db: Db, processInstanceKey: string) {
  const appeal = await db('appeals as ap').leftJoin('decisions as d', 'd.application_id', 'ap.application_id').where('ap.process_instance_key', processInstanceKey).first('ap.received_on', 'd.appeal_deadline');
  if (!appeal) throw new InvalidJobInput(`No appeal for process instance ${processInstanceKey}`);
  const day = (value: Date | string | null) => (value instanceof Date ? `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}` : value);
  return { appealReceivedOn: day(appeal.received_on), appealDeadline: day(appeal.appeal_deadline) };
}
