// Relays engine commands that the API stored in the outbox: messages correlated to the case
// whose business key is the application id. Each row is leased before the call, so two relays
// never send it at once. A message that starts a process carries its message id as the
// variable startMessageId; a row sent again after a crash finds the instance it started and
// starts no second one. A message the case is not waiting for yet is tried again later; one
// that no process will ever wait for again lapses (LapseCheck).
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { deliverDocument, type DocumentDelivery } from './delivery.ts';
import { matchesNoOne, type EngineClient } from './engine-client.ts';
import { typedVariables } from './engine-variables.ts';
import type { MessagePayload, OutboxRow } from './outbox.ts';

const leaseSeconds = 30;

export function nextAttemptDelayMs(attempts: number): number {
  return Math.min(300_000, 1_000 * 2 ** Math.min(attempts, 10));
}

async function leaseDueRows(db: Knex, batchSize: number): Promise<OutboxRow[]> {
  // Oldest first: an update returns its rows in no particular order.
  const result = await db.raw(
    `with leased as (
       update outbox set next_attempt_at = now() + make_interval(secs => ?)
        where id in (select id from outbox
                      where relayed_at is null and lapsed_at is null and next_attempt_at <= now()
                      order by id limit ? for update skip locked)
        returning id, application_id, command, payload, attempts)
     select * from leased order by id`,
    [leaseSeconds, batchSize],
  );
  return result.rows as OutboxRow[];
}

async function alreadyStarted(engine: EngineClient, { businessKey, messageId }: MessagePayload): Promise<boolean> {
  const { count } = await engine.call<{ count: number }>('POST', '/history/process-instance/count', {
    processInstanceBusinessKey: businessKey,
    variables: [{ name: 'startMessageId', operator: 'eq', value: messageId }],
  });
  return count > 0;
}

// Commands: correlate-message (to the engine) and deliver-document (a letter to its recipient).
// Settles a message no process will wait for again (a permit's that moved on: the composition
// root passes store/permit/message-lapses.ts); answers whether it did, else the row is retried.
export type LapseCheck = (db: Knex, row: OutboxRow, engineAnswer: string) => Promise<boolean>;

export function createOutboxRelay({ db, engine, log, delivery, lapse }: { db: Knex; engine: EngineClient; log: Logger; delivery: DocumentDelivery; lapse: LapseCheck }) {
  async function send(row: OutboxRow) {
    if (row.command === 'deliver-document') return deliverDocument(db, delivery, row.payload.documentId);
    if (row.command !== 'correlate-message') throw new Error(`Unknown outbox command ${row.command}`);
    const message: MessagePayload = row.payload;
    if (message.starts && (await alreadyStarted(engine, message))) return;
    await engine.call('POST', '/message', {
      messageName: message.name,
      businessKey: message.businessKey,
      localCorrelationKeys: message.localCorrelationKeys && typedVariables(message.localCorrelationKeys),
      correlationKeys: message.correlationKeys && typedVariables(message.correlationKeys),
      processVariables: typedVariables(message.starts ? { ...message.variables, startMessageId: message.messageId } : message.variables),
    });
  }

  // Sends every due row once; returns how many were relayed.
  async function relayDue(batchSize = 20): Promise<number> {
    let relayed = 0;
    for (const row of await leaseDueRows(db, batchSize)) {
      try {
        await send(row);
        await db('outbox').where({ id: row.id }).update({ relayed_at: db.fn.now(), last_error: null });
        relayed += 1;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (matchesNoOne(error) && (await lapse(db, row, message))) {
          log.info({ outboxId: row.id, applicationId: row.application_id, message: row.payload.name }, 'outbox message lapsed; the permit process no longer waits for it');
          continue;
        }
        const delayMs = nextAttemptDelayMs(row.attempts);
        log.warn({ outboxId: row.id, applicationId: row.application_id, attempts: row.attempts + 1, err: message }, 'outbox relay failed; will retry');
        await db('outbox')
          .where({ id: row.id })
          .update({
            attempts: row.attempts + 1,
            last_error: message.slice(0, 2000),
            next_attempt_at: new Date(Date.now() + delayMs),
          });
      }
    }
    return relayed;
  }

  // Polls until stopped; a failing round is logged and the next one goes on.
  function start(intervalMs: number) {
    let stopped = false;
    let round: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      round = round.then(() => (stopped ? 0 : relayDue())).catch((err) => log.error({ err }, 'outbox relay round failed'));
    }, intervalMs);
    return async () => {
      stopped = true;
      clearInterval(timer);
      await round;
    };
  }

  return { relayDue, start };
}
