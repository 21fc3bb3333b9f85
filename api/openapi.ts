// The OpenAPI 3.1 document at /openapi.json, generated from the route schemas, and the
// interactive docs at /docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { maxBodyBytes, problemDetails, problemResponse } from './schemas.ts';

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
          'Errors are RFC 9457 problem details. ' +
          `Request bodies are JSON (Content-Type: application/json) of at most ${maxBodyBytes} bytes (256 KiB); a larger body is answered 413, another type 415. ` +
          'Text fields take no NUL, unpaired surrogate or other control character, and take tab and line breaks only where marked x-text: lines (prose such as a description or grounds); ' +
          'such a field is answered 400 naming it.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'OAuth2 access token; scopes per operation' },
        },
      },
      tags: [
        { name: 'applications', description: 'Intake and case status' },
        { name: 'case messages', description: 'What the outside world sends into a running case' },
        { name: 'orders', description: "Custodians' data orders" },
        { name: 'permits', description: 'Permits after the decision: deletion, revocation, periodic deliveries' },
        { name: 'public register', description: 'The public register of permits, without login' },
        { name: 'documents', description: "The case's letters as PDF/A, and its journal" },
        { name: 'statistics', description: 'Backlog, processing times and deadline breaches' },
        { name: 'public statistics', description: 'Activity report and expected processing times, without login' },
        { name: 'health', description: 'Probes for the platform' },
      ],
    },
    // Protected routes state their scope, and the answers to a missing or insufficient token;
    // routes that read a body, the answers to one too large or not JSON.
    transform: ({ schema, url, route }) => {
      const access = route.config?.access;
      if (!schema || !access) return { schema, url };
      const response = {
        ...(schema.response as object),
        ...(schema.body ? { 413: problemResponse(`Body larger than ${maxBodyBytes} bytes`), 415: problemResponse('Body not sent as application/json') } : {}),
        401: problemResponse('No valid bearer token'),
        403: problemResponse(`The token lacks the scope ${access.scope} or one of the roles ${access.roles.join(', ')}`),
      };
      return { schema: { ...schema, security: [{ bearer: [access.scope] }], response }, url };
    },
    // Shared schemas keep their $id as their name under components.schemas.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

export const openapiPlugin = fastifyPlugin(openapi, { name: 'hds-openapi' });
