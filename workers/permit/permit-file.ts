// What the workers of the permit process share: their input (the permit and its case) and the
// permit as the case file holds it.
import type { Knex } from 'knex';
import type { PermitRow } from '../../store/permit/permits.ts';
import { InvalidJobInput, type JsonSchemaObject } from '../declaration.ts';

export type PermitInput = { applicationId: string; permitId: string };

// The input of a task about one permit: its id and its case's, plus any other variables named.
export function permitInput(properties: Record<string, object> = {}, required: string[] = []): JsonSchemaObject {
  return {
    type: 'object',
    properties: { applicationId: { type: 'string', format: 'uuid' }, permitId: { type: 'string', format: 'uuid' }, ...properties },
    required: ['applicationId', 'permitId', ...required],
  };
}

export async function loadPermit(db: Knex | Knex.Transaction, permitId: string, { forUpdate = false } = {}): Promise<PermitRow> {
  const row = await db('permits').where({ id: permitId }).modify((q) => (forUpdate ? q.forUpdate() : q)).first();
  if (!row) throw new InvalidJobInput(`No permit ${permitId} in the case file`);
  return row as PermitRow;
}
