// Pages newest first, keyed by (a time, an id) rather than an offset, so a row arriving while a
// client pages through neither repeats nor skips an item. The cursor carries the last item's
// position: its time to the microsecond (which a JavaScript Date would lose) and its id.
import type { Knex } from 'knex';

type Position = { at: string; id: string };

// A cursor this service did not issue: the API answers 400 naming querystring.cursor.
export class InvalidCursor extends Error {
  override name = 'InvalidCursor';
}

function encodeCursor({ at, id }: Position): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

function decodeCursor(cursor: string): Position {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at)) && /^[0-9a-f-]{36}$/.test(id)) return { at, id };
  } catch {
    // Not base64url JSON: not ours.
  }
  throw new InvalidCursor(`${cursor} is not a cursor this API issued`);
}

export type PageQuery = { cursor?: string; limit?: number };

// Orders the query by the keyset, newest first, starts it after the cursor, fetches one row more
// than a page (which tells whether another follows) and selects each row's position. Without a
// limit it reads every row, in the same order.
export function keyset(db: Knex, { time, id }: { time: string; id: string }, { cursor, limit }: PageQuery) {
  const after = cursor === undefined ? undefined : decodeCursor(cursor);
  return (q: Knex.QueryBuilder) => {
    if (after) q.whereRaw(`(${time}, ${id}) < (?::timestamptz, ?::uuid)`, [after.at, after.id]);
    q.orderBy([{ column: time, order: 'desc' }, { column: id, order: 'desc' }]);
    q.select(db.raw(`to_char(${time} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as position`));
    if (limit !== undefined) q.limit(limit + 1);
  };
}

// The page in rows fetched through keyset(), and the cursor of the next page if one follows.
export function pageOf<R extends { id: string; position: string }>(rows: R[], limit: number): { page: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.position, id: last.id }) : null };
}

export type RegisterQuery = { registerId?: string; limit?: number; cursor?: string };

// A public register read newest first: one page at a time, or whole (for a file). rowsOf
// selects the register's rows (each with its id and its position in `order`, filtered by
// register), toItem makes a row what the register publishes.
export function registerReader<R extends { id: string; position: string }, T>(
  rowsOf: (db: Knex, registerId: string | undefined) => Knex.QueryBuilder,
  order: { time: string; id: string },
  toItem: (row: R) => T,
) {
  return {
    async page(db: Knex, { registerId, limit = 50, cursor }: RegisterQuery): Promise<{ items: T[]; nextCursor: string | null }> {
      const rows = (await rowsOf(db, registerId).modify(keyset(db, order, { cursor, limit }))) as R[];
      const { page, nextCursor } = pageOf(rows, limit);
      return { items: page.map(toItem), nextCursor };
    },
    async all(db: Knex, registerId?: string): Promise<T[]> {
      return ((await rowsOf(db, registerId).modify(keyset(db, order, {}))) as R[]).map(toItem);
    },
  };
}
