// The requests for a supplement: what is missing, by when (moved by the reminder), and when the
// applicant answered. The reminder, the rejection, the preliminary answer and the case's
// supplementDueAt read them here.
import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

export type SupplementRequest = { missing: string; dueAt: Date; remindedAt: Date | null; answeredAt: Date | null };

const defaultMissing = 'Opplysninger etter kompletthetsvurdering';

export async function recordSupplementRequest(tx: Knex.Transaction, request: { applicationId: string; requestKey: string; missing: string; requestedAt: Date; dueAt: Date }) {
  await tx('supplement_requests')
    .insert({ application_id: request.applicationId, request_key: request.requestKey, missing: request.missing, requested_at: request.requestedAt, due_at: request.dueAt })
    .onConflict('request_key')
    .ignore();
}

const latest = (db: Db, applicationId: string) => db('supplement_requests').where({ application_id: applicationId }).orderBy('id', 'desc').first();

// The reminder gives the latest request a new deadline.
export async function recordReminder(tx: Knex.Transaction, applicationId: string, remindedAt: Date, dueAt: Date) {
  const request = await latest(tx, applicationId);
  if (request && !request.reminded_at) await tx('supplement_requests').where({ id: request.id }).update({ reminded_at: remindedAt, reminder_due_at: dueAt });
}

export async function recordAnswer(tx: Knex.Transaction, applicationId: string, answeredAt: Date) {
  const request = await latest(tx, applicationId);
  if (request && !request.answered_at) await tx('supplement_requests').where({ id: request.id }).update({ answered_at: answeredAt });
}

export async function latestSupplementRequest(db: Db, applicationId: string): Promise<SupplementRequest | undefined> {
  const request = await latest(db, applicationId);
  if (!request) return undefined;
  return { missing: request.missing, dueAt: request.reminder_due_at ?? request.due_at, remindedAt: request.reminded_at, answeredAt: request.answered_at };
}

// What the applicant was last asked to supply, for the reminder and the rejection.
export async function lastRequestedMissing(db: Db, applicationId: string): Promise<string> {
  return (await latestSupplementRequest(db, applicationId))?.missing ?? defaultMissing;
}
