// The one way a case changes: an event applied in the caller's transaction, on the locked case
// row. The case machine (domain/case/states.ts) says whether the case's status accepts the
// event and which status follows; the status, the audit step and any message for the engine are
// written together. An event already recorded under the same qualifier (a retried job, a
// relayed repeat) changes nothing and answers the status as it is.
import type { Knex } from 'knex';
import { caseMachine, type CaseEvent, type CaseStatus } from '../../domain/case/states.ts';
import { recordStep, stepRecorded } from '../../platform/audit.ts';
import { queueMessage, type OutgoingMessage } from './messages.ts';

export type CaseEventInput = {
  applicationId: string;
  event: CaseEvent;
  qualifier?: string | number;
  actor: string;
  detail?: Record<string, unknown>;
  now: Date;
  // A message for the engine, queued in the same transaction.
  message?: OutgoingMessage;
};

export type AppliedCaseEvent = { status: CaseStatus; applied: boolean; messageId?: string };

class UnknownCase extends Error {
  override name = 'UnknownCase';
}

export async function caseStatus(tx: Knex.Transaction, applicationId: string): Promise<CaseStatus> {
  const row = await tx('applications').where({ id: applicationId }).forUpdate().first('status');
  if (!row) throw new UnknownCase(`No application ${applicationId} in the case file`);
  return row.status;
}

export async function applyCaseEvent(tx: Knex.Transaction, input: CaseEventInput): Promise<AppliedCaseEvent> {
  const { applicationId, event, qualifier, actor, detail, now, message } = input;
  const current = await caseStatus(tx, applicationId);
  if (await stepRecorded(tx, applicationId, event, qualifier)) return { status: current, applied: false };
  const status = caseMachine.next(current, event);
  if (status !== current) await tx('applications').where({ id: applicationId }).update({ status, updated_at: now });
  await recordStep(tx, { applicationId, step: event, qualifier, actor, detail });
  const queued = message && (await queueMessage(tx, applicationId, message));
  return { status, applied: true, messageId: queued?.messageId };
}
