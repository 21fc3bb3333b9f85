// The user's access to the data under EHDS (Art. 68(7), rule user-access): once every holder
// has delivered, the body makes the data available to the user in the secure processing
// environment within 2 months of the last delivery. One row per case (user_access): planned
// with its due date, given by a caseworker (who, when, a note), or marked late by the timer.
// Each change is an event of the case in the same transaction.
import type { Knex } from 'knex';
import { auditStep } from '../../domain/audit-steps.ts';
import { caseEvent } from '../../domain/case/states.ts';
import { orderKind } from '../../domain/order/states.ts';
import { deadlineFor } from '../../domain/rulebook/rulebooks.ts';
import { recordStep } from '../../platform/audit.ts';
import { applyCaseEvent } from './events.ts';

export type UserAccessRow = { application_id: string; delivered_at: Date; due_at: Date; given_by: string | null; given_at: Date | null; note: string | null; late_at: Date | null };

export async function userAccessOf(db: Knex | Knex.Transaction, applicationId: string): Promise<UserAccessRow | undefined> {
  return db('user_access').where({ application_id: applicationId }).first();
}

// Plans the access from the last delivery of the case's data orders; a repeat finds the plan
// made before. Undefined while an order is still undelivered.
export async function planUserAccess(tx: Knex.Transaction, applicationId: string, now: Date): Promise<UserAccessRow | undefined> {
  const planned = await userAccessOf(tx, applicationId);
  if (planned) return planned;
  const { undelivered, last } = await tx('custodian_orders')
    .where({ application_id: applicationId, kind: orderKind.dataOrder })
    .first(tx.raw('count(*) filter (where delivered_at is null)::int as undelivered'), tx.raw('max(delivered_at) as last'));
  if (undelivered > 0 || !last) return undefined;
  const deliveredAt = new Date(last);
  const dueAt = deadlineFor('ehds', 'user-access', deliveredAt);
  await tx('user_access').insert({ application_id: applicationId, delivered_at: deliveredAt, due_at: dueAt });
  await applyCaseEvent(tx, { applicationId, event: caseEvent.userAccessPlanned, actor: 'system', now, detail: { deliveredAt: deliveredAt.toISOString(), dueAt: dueAt.toISOString() } });
  return userAccessOf(tx, applicationId);
}

export async function recordUserAccess(tx: Knex.Transaction, applicationId: string, { givenBy, note, now }: { givenBy: string; note: string | null; now: Date }) {
  const { applied } = await applyCaseEvent(tx, { applicationId, event: caseEvent.userAccessGiven, actor: givenBy, now, detail: { note } });
  if (applied) await tx('user_access').where({ application_id: applicationId }).update({ given_by: givenBy, given_at: now, note });
}

// The due date passed with the access not given: recorded once. True when it was late.
export async function markUserAccessLate(tx: Knex.Transaction, applicationId: string, now: Date): Promise<boolean> {
  const marked = await tx('user_access').where({ application_id: applicationId }).whereNull('given_at').whereNull('late_at').update({ late_at: now });
  if (marked > 0) await recordStep(tx, { applicationId, step: auditStep.userAccessLate, actor: 'system', detail: { lateAt: now.toISOString() } });
  return marked > 0;
}
