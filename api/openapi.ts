// The OpenAPI 3.1 document at /openapi.json, generated from the route schemas, and the
// interactive docs at /docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { problemDetails } from './schemas.ts';

async function openapi(app: FastifyInstance) {
  app.addSchema(problemDetails);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'HDS case service',
        version: '0.1.0',
        description:
          'Integrator API of Helsedataservice: submit applications for health-register data and follow their cases. ' +
          'Errors are RFC 9457 problem details.',
      },
      tags: [
        { name: 'applications', description: 'Intake and case status' },
        { name: 'health', description: 'Probes for the platform' },
      ],
    },
    // Shared schemas keep their $id as their name under components.schemas.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

export const openapiPlugin = fastifyPlugin(openapi, { name: 'hds-openapi' });
