// The integrator API: plugins first, then routes.
import type { Camunda8 } from '@camunda8/sdk';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { sendProblem } from './problems.ts';
import { applicationRoutes } from './routes/applications.ts';
import { healthRoutes } from './routes/health.ts';

export type ApiDeps = { db: Knex; camunda: Camunda8; log: Logger };

declare module 'fastify' {
  interface FastifyInstance {
    deps: ApiDeps;
  }
}

// Report every invalid field at once; never coerce or drop what the client sent.
const ajvOptions = {
  customOptions: { allErrors: true, removeAdditional: false, coerceTypes: false },
  plugins: [addFormats.default],
} as FastifyServerOptions['ajv'];

export async function buildApp(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: 256 * 1024,
    ajv: ajvOptions,
  });
  app.decorate('deps', deps);
  app.setErrorHandler(sendProblem);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(Object.assign(new Error('Not found'), { statusCode: 404, code: 'not-found' }) as never, request, reply),
  );
  await app.register(healthRoutes);
  await app.register(applicationRoutes);
  return app;
}
