// The two servers bench/intake.ts loads, each in its own process: `app` is the service's API
// as deployed (auth, validation, idempotency, the intake transaction; relay off), `baseline`
// a bare Fastify route doing one PostgreSQL insert, the floor any intake endpoint stands on.
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../api/app.ts';
import { connect } from '../platform/db.ts';
import { createEngineClient } from '../platform/engine-client.ts';
import { createLogger } from '../platform/logger.ts';
import { benchConfig } from './lib.ts';

const [kind, port] = process.argv.slice(2) as ['app' | 'baseline', string];
const config = benchConfig(process.env.BENCH_DB_URL!);

async function baseline() {
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
  const app = Fastify({ bodyLimit: 256 * 1024 });
  app.post('/applications', async (request, reply) => {
    const { rows } = await pool.query('insert into bench_intake (body) values ($1) returning id', [request.body]);
    return reply.status(202).send({ id: rows[0].id });
  });
  app.addHook('onClose', () => pool.end());
  return app;
}

async function service() {
  const db = connect(config);
  // Intake never calls the engine (the relay, off here, does).
  const engine = createEngineClient(config.engine);
  const app = await buildApp({ db, engine, log: createLogger(config.logLevel) }, config);
  app.addHook('onClose', () => db.destroy());
  return app;
}

const app = kind === 'app' ? await service() : await baseline();
await app.listen({ host: '127.0.0.1', port: Number(port) });
console.log('ready');
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
