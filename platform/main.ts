// Runs the service: database migrations, model deployment, then the components named in
// SERVICE_COMPONENTS (default all: the API, the outbox relay, every worker and the forecast refresh). Stops cleanly
// on SIGTERM or SIGINT.
import { buildApp } from '../api/app.ts';
import { workers } from '../workers/index.ts';
import { startWorkers } from '../workers/runtime.ts';
import { loadConfig, type Component } from './config.ts';
import { connect, migrate } from './db.ts';
import { deployModels } from './deploy.ts';
import { createEngineClient } from './engine-client.ts';
import { createForecastRefresh } from '../store/forecast/refresh.ts';
import { createLogger } from './logger.ts';
import { createOutboxRelay } from './outbox-relay.ts';
import { settleIfLapsed } from '../store/permit/message-lapses.ts';
import { createMailDelivery } from './delivery.ts';

const config = loadConfig();
const log = createLogger(config.logLevel);
const db = connect(config);
const applied = await migrate(db);
log.info({ applied, database: config.databaseUrl ? 'postgresql' : `pglite:${config.pgliteDir}` }, 'database ready');

const engine = createEngineClient(config.engine);

// Deployment is retried until the engine answers. Meanwhile the API already takes cases: they
// wait in the outbox, and the relay starts once the processes they start are deployed.
async function deployWhenEngineAnswers(attempt = 1): Promise<void> {
  try {
    const { deploymentKey, resources } = await deployModels(engine);
    log.info({ deploymentKey, deployed: resources }, 'models deployed');
  } catch (err) {
    const delayMs = Math.min(30_000, 1_000 * attempt);
    log.warn({ err: (err as Error).message, retryInMs: delayMs }, 'deployment failed; engine not reachable yet');
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return deployWhenEngineAnswers(attempt + 1);
  }
}
const deployed = deployWhenEngineAnswers();

const runs = (component: Component) => config.components.includes(component);
const app = runs('api') ? await buildApp({ db, engine, log }, config) : undefined;
await app?.listen({ host: config.apiHost, port: config.apiPort });
const runningWorkers = runs('workers') ? startWorkers(config.engine, workers, { db, log }) : undefined;
let stopRelay: (() => Promise<void>) | undefined;
if (runs('relay')) {
  void deployed.then(() => {
    stopRelay = createOutboxRelay({ db, engine, log, delivery: createMailDelivery(config.mail), lapse: settleIfLapsed }).start(config.relayIntervalMs);
  });
}

const stopForecasts = runs('forecast') ? createForecastRefresh({ db, engine, log }).start(config.forecastRefreshIntervalMs) : undefined;

const api = `http://${config.apiHost}:${config.apiPort}`;
const urls = {
  api,
  docs: `${api}/docs`,
  health: `${api}/health/ready`,
  // The plain address: Tasklist sorts by the deadline unless the user chose another sort
  // (deadline-sorting.js), which an address with its own sorting would override.
  tasklist: `${config.engine.url}/operaton/app/tasklist/`,
  cockpit: `${config.engine.url}/operaton/app/cockpit/`,
  engineRest: `${config.engine.url}/engine-rest`,
};
log.info({ components: config.components, ...urls }, 'service started');
console.log(`
HDS case service is running (${config.components.join(', ')}; Ctrl-C stops it)
  API          ${app ? `${urls.api}   (readiness: ${urls.health})` : 'not in this process'}
  API docs     ${app ? urls.docs : '-'}
  Tasklist     ${urls.tasklist}   (caseworkers; local logins saksbehandler/saksbehandler, beslutter/beslutter)
  Cockpit      ${urls.cockpit}   (process owners; local login prosesseier/prosesseier, administrator demo/demo)
  Engine REST  ${urls.engineRest}
  Letters      ${config.mail.smtpHost ? `sent by SMTP through ${config.mail.smtpHost}:${config.mail.smtpPort}` : `written as e-mails to ${config.mail.dir}/*.eml (no MAIL_SMTP_HOST set); the PDFs also at GET /applications/{id}/documents`}
${config.auth.jwksUrl || config.auth.jwks ? '' : '  API tokens   npm run -s dev-token -- <integrator|custodian|caseworker>   (local development key)\n'}`);

async function shutdown(signal: string) {
  log.info({ signal }, 'shutting down');
  await app?.close();
  await stopRelay?.();
  await stopForecasts?.();
  await runningWorkers?.close();
  await db.destroy();
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
