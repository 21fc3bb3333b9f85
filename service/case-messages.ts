// What the outside world sends into a running case (a supplement, another body's decision, a
// custodian's delivery, an appeal): recorded in the audit trail and queued for the engine in
// one transaction, as intake is. Each message gets its own id, so a relayed repeat is ignored.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { recordStep } from './audit.ts';

export type CaseMessage = {
  applicationId: string;
  name: string;
  correlationKey: string;
  variables: Record<string, unknown>;
  actor: string;
};

export async function queueCaseMessage(tx: Knex.Transaction, message: CaseMessage): Promise<{ messageId: string }> {
  const messageId = randomUUID();
  const { applicationId, name, correlationKey, variables, actor } = message;
  await recordStep(tx, { applicationId, step: `${name}:${messageId}`, actor, detail: { correlationKey } });
  await tx('outbox').insert({
    application_id: applicationId,
    command: 'publish-message',
    payload: { name, correlationKey, messageId, variables },
  });
  return { messageId };
}
