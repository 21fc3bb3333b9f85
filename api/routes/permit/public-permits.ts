// GET /public/permits: the public register of permits, without login. JSON by default, a web
// page for browsers (no JavaScript needed) and CSV of every permit, chosen by the Accept header
// or by ?format= (what the page's links use).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { allPublicPermits, publicPermitPage } from '../../../store/permit/public-register.ts';
import { problems } from '../../problems.ts';
import { negotiate, pagePolicy } from '../../public-formats.ts';
import { registerCsv, registerPage } from './public-register-format.ts';
import { problemResponse, publicPermitList, publicRegisterQuery, type PublicRegisterQuery } from '../../schemas.ts';

export async function publicPermitRoutes(app: FastifyInstance) {
  app.get<{ Querystring: PublicRegisterQuery }>(
    '/public/permits',
    {
      schema: {
        summary: 'The public register of permits: institution, the public title and summary a caseworker approved, purpose, sources, period, decision date, deciding body, and the state with its date; no personal data',
        description: 'No login. JSON (pages of limit items), text/html (a page that works without JavaScript) or text/csv (every permit), by the Accept header or format.',
        tags: ['public register'],
        querystring: publicRegisterQuery,
        response: {
          200: {
            description: 'The register',
            content: {
              'application/json': { schema: publicPermitList },
              'text/html': { schema: { type: 'string' } },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          400: problemResponse('Invalid filter or cursor'),
        },
      },
    },
    async (request: FastifyRequest<{ Querystring: PublicRegisterQuery }>, reply) => {
      const { format = negotiate(request.headers.accept), registerId, cursor, limit } = request.query;
      reply.header('vary', 'Accept').header('cache-control', 'public, max-age=60');
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8; header=present')
          .header('content-disposition', 'attachment; filename="tillatelser.csv"')
          .send(registerCsv(await allPublicPermits(app.deps.db, registerId)));
      }
      const page = await publicPermitPage(app.deps.db, { registerId, cursor, limit });
      if (format === 'html') {
        return reply.type('text/html; charset=utf-8').header('content-security-policy', pagePolicy).send(registerPage(request.url.split('?')[0]!, page, { registerId, limit: request.query.limit }));
      }
      return reply.type('application/json; charset=utf-8').send(page);
    },
  );
}
