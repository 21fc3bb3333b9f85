// What the outside world sends into a running case (a supplement, another body's decision, a
// custodian's delivery, an appeal), and what the service itself tells the engine: recorded in
// the audit trail and queued for the engine in one transaction, as intake is. The engine finds
// the case by its business key, the application id; a message that starts a process (an appeal)
// carries its own id, so a relayed repeat starts nothing twice.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { auditStep, type MessageName } from '../../domain/audit-steps.ts';
import type { Submission } from '../../domain/case/facts.ts';
import type { CaseStatus } from '../../domain/case/states.ts';
import { recordStep, stepRecorded } from '../../platform/audit.ts';
import { journal } from '../letter/documents.ts';

export type OutgoingMessage = {
  name: MessageName;
  // Given by a caller that records the message under its id itself; new otherwise.
  messageId?: string;
  // Starts a process instance instead of reaching a waiting one.
  starts?: boolean;
  // Variables of the waiting execution that tell it apart, e.g. the custodian of one order.
  localCorrelationKeys?: Record<string, string>;
  // Process variables that tell one of several instances with the case's business key apart,
  // e.g. the order of a fee agreement (process hds-fee-agreement).
  correlationKeys?: Record<string, string>;
  variables: Record<string, unknown>;
};

export type CaseMessage = OutgoingMessage & { applicationId: string; actor: string };

// Queues the message for the outbox relay; records nothing else.
export async function queueMessage(tx: Knex.Transaction, applicationId: string, message: OutgoingMessage): Promise<{ messageId: string }> {
  const { name, starts, localCorrelationKeys, correlationKeys, variables } = message;
  const messageId = message.messageId ?? randomUUID();
  await tx('outbox').insert({
    application_id: applicationId,
    command: 'correlate-message',
    payload: { name, businessKey: applicationId, messageId, starts: starts ?? false, localCorrelationKeys, correlationKeys, variables },
  });
  return { messageId };
}

// Queues the message and records it as a step of its own name.
export async function queueCaseMessage(tx: Knex.Transaction, { applicationId, actor, ...message }: CaseMessage): Promise<{ messageId: string }> {
  const queued = await queueMessage(tx, applicationId, message);
  await recordStep(tx, { applicationId, step: message.name, qualifier: queued.messageId, actor, detail: { localCorrelationKeys: message.localCorrelationKeys } });
  return queued;
}

// A document that came into the case from outside, for its journal: what it is, who sent it.
export type Incoming = { title: string; correspondent: string; caseReference: string };

// A message from outside the case: queued for the engine and journaled as an incoming document
// (`I`) in the same transaction.
export async function receiveCaseMessage(tx: Knex.Transaction, message: CaseMessage, incoming: Incoming): Promise<{ messageId: string }> {
  const queued = await queueCaseMessage(tx, message);
  await journalIncoming(tx, message.applicationId, incoming, `message:${queued.messageId}`);
  return queued;
}

export async function journalIncoming(tx: Knex.Transaction, applicationId: string, { title, correspondent, caseReference }: Incoming, sourceKey: string) {
  await journal(tx, { applicationId, entryType: 'I', title, correspondent, documentDate: new Date(), caseReference, sourceKey });
}

// The case a message is sent to, locked until the message is queued; for an integrator
// (submittedBy), only its own cases.
export async function lockCaseFor(tx: Knex.Transaction, applicationId: string, submittedBy: string | undefined) {
  return tx('applications')
    .where({ id: applicationId })
    .modify((q) => (submittedBy === undefined ? q : q.where({ submitted_by: submittedBy })))
    .forUpdate()
    .first<{ id: string; status: CaseStatus; reference: string; submission: Submission } | undefined>('id', 'status', 'reference', 'submission');
}

// Whether the case has a decision (or a rejection) that can be appealed.
export async function hasAppealableDecision(db: Knex | Knex.Transaction, applicationId: string): Promise<boolean> {
  return Boolean(await db('decisions').where({ application_id: applicationId }).whereNotNull('appeal_deadline').first('application_id'));
}

// Where the case's open appeal stands: none, with HDS, or sent on to Helseklage.
export async function openAppealStanding(db: Knex | Knex.Transaction, applicationId: string): Promise<'none' | 'with-hds' | 'at-helseklage'> {
  const appeal = await db('appeals').where({ application_id: applicationId }).whereNull('outcome').orderBy('id', 'desc').first('process_instance_id');
  if (!appeal) return 'none';
  return (await stepRecorded(db, applicationId, auditStep.appealForwarded, appeal.process_instance_id)) ? 'at-helseklage' : 'with-hds';
}

// The bodies a case was forwarded to (a custodian's id, REK, HELSEDIREKTORATET), in order.
export async function forwardedRecipients(db: Knex | Knex.Transaction, applicationId: string): Promise<string[]> {
  return (await db('forwardings').where({ application_id: applicationId }).orderBy('recipient').select('recipient')).map((row: { recipient: string }) => row.recipient);
}
