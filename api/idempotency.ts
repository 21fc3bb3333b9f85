// Idempotency-Key: a repeated request gets the first answer and changes nothing. The key is
// claimed inside the caller's transaction before any work; a concurrent duplicate blocks on
// the key's primary key until the first transaction ends, then finds the stored answer (first
// committed) or claims the key itself (first rolled back). Either way one case is created.
import { createHash } from 'node:crypto';
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

// Without a key the request is answered as it comes.
export async function answerOnce(
  tx: Knex.Transaction,
  key: string | undefined,
  body: unknown,
  produce: () => Promise<StoredAnswer>,
): Promise<StoredAnswer & { replayed: boolean }> {
  if (key === undefined) return { ...(await produce()), replayed: false };
  const requestFingerprint = fingerprint(body);
  const claimed = await tx('idempotency_keys')
    .insert({ key, request_fingerprint: requestFingerprint })
    .onConflict('key')
    .ignore()
    .returning('key');
  if (claimed.length === 0) {
    const first = await tx('idempotency_keys').where({ key }).first();
    if (first.request_fingerprint !== requestFingerprint) throw problems.idempotencyKeyReused();
    return { statusCode: first.status_code, body: first.response_body, location: first.location ?? undefined, replayed: true };
  }
  const answer = await produce();
  await tx('idempotency_keys')
    .where({ key })
    .update({ status_code: answer.statusCode, response_body: answer.body, location: answer.location ?? null });
  return { ...answer, replayed: false };
}
