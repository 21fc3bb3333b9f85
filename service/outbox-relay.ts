// Relays engine commands that the API stored in the outbox. Each row is leased before the
// call, so two relays never send it at once; the engine rejects a repeated message id, so a
// row sent again after a crash starts no second case.
import type { Camunda8 } from '@camunda8/sdk';
import type { Knex } from 'knex';
import type { Logger } from 'pino';

export type OutboxRow = {
  id: string;
  application_id: string;
  command: string;
  payload: { name: string; correlationKey: string; messageId: string; variables: Record<string, string> };
  attempts: number;
};

const leaseSeconds = 30;
const messageTimeToLiveMs = 24 * 3600 * 1000;

export function nextAttemptDelayMs(attempts: number): number {
  return Math.min(300_000, 1_000 * 2 ** Math.min(attempts, 10));
}

async function leaseDueRows(db: Knex, batchSize: number): Promise<OutboxRow[]> {
  const result = await db.raw(
    `update outbox set next_attempt_at = now() + make_interval(secs => ?)
      where id in (select id from outbox
                    where relayed_at is null and next_attempt_at <= now()
                    order by id limit ? for update skip locked)
      returning id, application_id, command, payload, attempts`,
    [leaseSeconds, batchSize],
  );
  return result.rows as OutboxRow[];
}

function isAlreadyPublished(error: unknown): boolean {
  return /ALREADY_EXISTS|\b409\b/.test(error instanceof Error ? error.message : String(error));
}

export function createOutboxRelay({ db, camunda, log }: { db: Knex; camunda: Camunda8; log: Logger }) {
  const rest = camunda.getCamundaRestClient();

  async function send(row: OutboxRow) {
    if (row.command !== 'publish-message') throw new Error(`Unknown outbox command ${row.command}`);
    try {
      await rest.publishMessage({ ...row.payload, timeToLive: messageTimeToLiveMs });
    } catch (error) {
      if (!isAlreadyPublished(error)) throw error;
    }
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
