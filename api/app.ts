// The integrator API: plugins first, then routes.
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { EngineClient } from '../platform/engine-client.ts';
import { loadConfig, type Config } from '../platform/config.ts';
import { authPlugin } from './auth.ts';
import { purgeExpiredKeys } from './idempotency.ts';
import { parseJsonBody } from './json-body.ts';
import { metricsPlugin } from './metrics.ts';
import { openapiPlugin } from './openapi.ts';
import { problems, sendProblem } from './problems.ts';
import { maxBodyBytes } from './schemas.ts';
import { applicationRoutes } from './routes/case/applications.ts';
import { caseMessageRoutes } from './routes/case/messages.ts';
import { costEstimateRoutes } from './routes/case/cost-estimates.ts';
import { statisticsOfferRoutes } from './routes/case/statistics-offer.ts';
import { caseworkerDocumentRoutes } from './routes/letter/caseworker-documents.ts';
import { documentRoutes } from './routes/letter/documents.ts';
import { healthRoutes } from './routes/health.ts';
import { orderRoutes } from './routes/order/orders.ts';
import { permitRoutes } from './routes/permit/permits.ts';
import { publicPermitRoutes } from './routes/permit/public-permits.ts';
import { publicFeedRoutes } from './routes/publication/public-feed.ts';
import { publicRegisterRoutes } from './routes/publication/public-registers.ts';
import { statisticsRoutes } from './routes/statistics/statistics.ts';
import { publicStatisticsRoutes } from './routes/statistics/public-statistics.ts';
import { validatorCompiler } from './validation.ts';

export type ApiDeps = { db: Knex; engine: EngineClient; log: Logger };
export type ApiSettings = Pick<Config, 'rateLimit' | 'auth' | 'idempotencyKeyTtlHours' | 'statsMaxAgeSeconds' | 'publicBaseUrl'>;

declare module 'fastify' {
  interface FastifyInstance {
    deps: ApiDeps;
    settings: ApiSettings;
  }
}

export async function buildApp(deps: ApiDeps, settings: ApiSettings = loadConfig()): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: maxBodyBytes,
  });
  app.decorate('deps', deps);
  app.decorate('settings', settings);
  app.setValidatorCompiler(validatorCompiler);
  // In place of Fastify's own JSON parser: refuses repeated keys as well as __proto__ and
  // constructor.prototype, and names the key (api/json-body.ts). It is the only parser: every
  // route that reads a body reads JSON, and any other type (text/plain too) is a 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, async (_request: FastifyRequest, body: string) => parseJsonBody(body));
  app.setErrorHandler(sendProblem);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(problems.notFound(`${request.method} ${request.url}`) as never, request, reply),
  );
  await app.register(helmet);
  await app.register(rateLimit, {
    max: settings.rateLimit.max,
    timeWindow: settings.rateLimit.windowMs,
    errorResponseBuilder: (_request, context) => problems.tooManyRequests(`Rate limit exceeded, retry in ${context.after}`),
  });
  await app.register(authPlugin, settings.auth);
  await app.register(metricsPlugin);
  await app.register(openapiPlugin);
  await app.register(healthRoutes);
  await app.register(applicationRoutes);
  await app.register(caseMessageRoutes);
  await app.register(costEstimateRoutes);
  await app.register(statisticsOfferRoutes);
  await app.register(documentRoutes);
  await app.register(caseworkerDocumentRoutes);
  await app.register(orderRoutes);
  await app.register(permitRoutes);
  await app.register(publicPermitRoutes);
  await app.register(publicRegisterRoutes);
  await app.register(publicFeedRoutes);
  await app.register(statisticsRoutes);
  await app.register(publicStatisticsRoutes);
  // An expired Idempotency-Key is free again when it is next used; the hourly purge keeps the
  // table from growing with keys that never come back.
  const purge = setInterval(() => {
    purgeExpiredKeys(deps.db, settings.idempotencyKeyTtlHours).catch((err) => deps.log.warn({ err }, 'purging expired idempotency keys failed'));
  }, 3_600_000).unref();
  app.addHook('onClose', async () => clearInterval(purge));
  return app;
}
