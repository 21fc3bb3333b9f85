// Messages to a permit's process that can come too late. The API queues each while the permit
// is in a state whose process waits for it, but the permit may move on before the relay sends
// it: the period ends under a revocation request, a revocation or closure ends the process
// under a delivery request, a caseworker's follow-up or another confirmation closes the permit
// under a deletion confirmation or an amendment. The engine then matches no one and no retry would change that,
// so the message lapses: its outbox row is settled with the reason, what it carried is marked
// lapsed, and the audit trail says so. While the permit is still in a waiting state, a message
// that matches no one is early (its process has not reached the wait yet) and is retried.
import type { Knex } from 'knex';
import type { MessageName } from '../../domain/audit-steps.ts';
import { permitEvent, permitMachine, type PermitEvent } from '../../domain/permit/states.ts';
import { recordStep } from '../../platform/audit.ts';
import type { MessagePayload, OutboxRow } from '../../platform/outbox.ts';
import { auditStep } from '../../domain/audit-steps.ts';

type Lapse = {
  // The permit's event for the message: while the permit's state accepts it, its process may
  // still come to wait for the message.
  awaited: PermitEvent;
  // Marks what the message carried as lapsed.
  settle: (tx: Knex.Transaction, message: MessagePayload) => Promise<unknown>;
};

const lapses: Partial<Record<MessageName, Lapse>> = {
  'revocation-requested': {
    awaited: permitEvent.revocationRequested,
    settle: (tx, { variables }) => tx('permit_revocations').where({ id: variables.revocationId }).whereNull('outcome').update({ outcome: 'lapsed' }),
  },
  'delivery-requested': {
    awaited: permitEvent.deliveryRequested,
    settle: (tx, { variables }) => tx('permit_delivery_requests').where({ id: variables.deliveryRequestId }).whereNull('outcome').update({ outcome: 'lapsed' }),
  },
  // Sent by create-permit when a granted change amends the permit: the amendment itself is in
  // the permit's versions, only the new plan of its period lapses.
  'permit-amended': {
    awaited: permitEvent.periodReplanned,
    settle: async () => undefined,
  },
  'deletion-confirmed': {
    awaited: permitEvent.deletionConfirmed,
    settle: (tx, { messageId }) => tx('permit_deletion_confirmations').where({ key: `message:${messageId}` }).update({ lapsed_at: tx.fn.now() }),
  },
};

// Settles the row if its message has lapsed, with the engine's answer as its last error;
// answers whether it did.
export async function settleIfLapsed(db: Knex, row: OutboxRow, engineAnswer: string): Promise<boolean> {
  const message: MessagePayload = row.payload;
  const lapse = lapses[message.name as MessageName];
  if (!lapse) return false;
  return db.transaction(async (tx) => {
    const permit = await tx('permits').where({ application_id: message.businessKey }).forUpdate().first('id', 'state', 'application_id');
    if (!permit || permitMachine.accepts(permit.state, lapse.awaited)) return false;
    await lapse.settle(tx, message);
    await recordStep(tx, {
      applicationId: permit.application_id,
      step: auditStep.permitMessageLapsed, qualifier: message.messageId,
      actor: 'system',
      detail: { permitId: permit.id, message: message.name, state: permit.state },
    });
    await tx('outbox')
      .where({ id: row.id })
      .update({
        attempts: row.attempts + 1,
        last_error: engineAnswer.slice(0, 2000),
        lapsed_at: tx.fn.now(),
        lapse_reason: `The permit is ${permit.state}: its process no longer waits for ${message.name}`,
      });
    return true;
  });
}
