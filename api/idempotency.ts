// Idempotency-Key: a repeated request gets the first answer and changes nothing. The key is
// claimed inside the caller's transaction before any work; a concurrent duplicate blocks on
// the key's primary key until the first transaction ends, then finds the stored answer (first
// committed) or claims the key itself (first rolled back). Either way one case is created.
// Keys belong to the client that sent them and expire after a configured time; an expired key
// is free again, and expired keys are purged in the background.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Knex } from 'knex';
import { problems } from './problems.ts';

export type StoredAnswer = { statusCode: number; body: unknown; location?: string };

// Key order does not change what a JSON body means, so the fingerprint sorts keys.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

export function fingerprint(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

export type IdempotencyKey = { clientId: string; key: string; ttlHours: number };

const expired = (db: Knex, ttlHours: number) => db.raw(`created_at < now() - make_interval(hours => ?)`, [ttlHours]);

export async function purgeExpiredKeys(db: Knex, ttlHours: number): Promise<number> {
  return db('idempotency_keys').where(expired(db, ttlHours)).delete();
}

export async function answerOnce(
  tx: Knex.Transaction,
  { clientId, key, ttlHours }: IdempotencyKey,
  body: unknown,
  produce: () => Promise<StoredAnswer>,
): Promise<StoredAnswer & { replayed: boolean }> {
  const requestFingerprint = fingerprint(body);
  const ownKey = { client_id: clientId, key };
  await tx('idempotency_keys').where(ownKey).andWhere(expired(tx, ttlHours)).delete();
  const claimed = await tx('idempotency_keys')
    .insert({ ...ownKey, request_fingerprint: requestFingerprint })
    .onConflict(['client_id', 'key'])
    .ignore()
    .returning('key');
  if (claimed.length === 0) {
    const first = await tx('idempotency_keys').where(ownKey).first();
    if (first.request_fingerprint !== requestFingerprint) throw problems.idempotencyKeyReused();
    return { statusCode: first.status_code, body: first.response_body, location: first.location ?? undefined, replayed: true };
  }
  const answer = await produce();
  await tx('idempotency_keys')
    .where(ownKey)
    .update({ status_code: answer.statusCode, response_body: answer.body, location: answer.location ?? null });
  return { ...answer, replayed: false };
}

type KeyedRequest = FastifyRequest<{ Headers: { 'idempotency-key'?: string } }>;
type Produce<Connection> = (conn: Connection) => Promise<StoredAnswer>;

// Every POST that creates something answers through here: its checks and writes run in one
// transaction, once per Idempotency-Key when the request has one, and the answer is sent,
// marked idempotent-replayed when it is a stored one. The key covers the URL as well as the
// body, so a key reused for another case or permit is refused (422), never answered with the
// other's answer. A producer that writes in one statement ('one-statement') needs no
// transaction of its own when there is no key.
export async function replyOnce(request: KeyedRequest, reply: FastifyReply, produce: Produce<Knex.Transaction>): Promise<FastifyReply>;
export async function replyOnce(request: KeyedRequest, reply: FastifyReply, produce: Produce<Knex>, writes: 'one-statement'): Promise<FastifyReply>;
export async function replyOnce(request: KeyedRequest, reply: FastifyReply, produce: Produce<Knex.Transaction>, writes?: 'one-statement'): Promise<FastifyReply> {
  const { db } = request.server.deps;
  const key = request.headers['idempotency-key'];
  const answer =
    key === undefined && writes === 'one-statement'
      ? // The second signature promises that such a producer takes any connection.
        { ...(await produce(db as Knex.Transaction)), replayed: false }
      : await db.transaction(async (tx) => {
          if (key === undefined) return { ...(await produce(tx)), replayed: false };
          const own = { clientId: request.principal.subject, key, ttlHours: request.server.settings.idempotencyKeyTtlHours };
          return answerOnce(tx, own, { url: request.url, body: request.body }, () => produce(tx));
        });
  if (answer.replayed) reply.header('idempotent-replayed', 'true');
  if (answer.location) reply.header('location', answer.location);
  return reply.status(answer.statusCode).send(answer.body);
}
