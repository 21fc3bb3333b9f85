import type { Knex } from 'knex';

// The first answer to each Idempotency-Key, so a repeated request gets it again. The primary
// key is what makes concurrent duplicates safe: the second insert waits for the first
// transaction and then finds its answer. Keys are global while the API has no client
// identities; with authentication the key becomes (client, key).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('idempotency_keys', (t) => {
    t.text('key').primary();
    t.text('request_fingerprint').notNullable();
    t.integer('status_code');
    t.jsonb('response_body');
    t.text('location');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('idempotency_keys');
}
