// Intake, listing and reading of applications. Intake stores the case in one statement
// (store/case/intake.ts), in a transaction with its Idempotency-Key when it has one; the outbox
// relay starts the process. Integrators see the cases they submitted; caseworkers see all.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findCase, readCase } from '../../../store/case/view.ts';
import { createCase } from '../../../store/case/intake.ts';
import { listApplications } from '../../../store/case/list.ts';
import { ownCasesOf, requires } from '../../auth.ts';
import { replyOnce } from '../../idempotency.ts';
import { problems } from '../../problems.ts';
import {
  applicationAccepted,
  applicationDetail,
  applicationIdParams,
  applicationList,
  applicationListQuery,
  applicationSubmission,
  idempotencyHeaders,
  problemResponse,
  type ApplicationListQuery,
  type ApplicationSubmission,
} from '../../schemas.ts';

// The case with this id, if the caller may see it; another integrator's case does not exist
// as far as the caller can tell.
async function visibleCase(app: FastifyInstance, request: FastifyRequest, id: string) {
  const application = await findCase(app.deps.db, id, ownCasesOf(request.principal));
  if (!application) throw problems.notFound(`Application ${id}`);
  return application;
}

export async function applicationRoutes(app: FastifyInstance) {
  app.post<{ Body: ApplicationSubmission; Headers: { 'idempotency-key'?: string } }>(
    '/applications',
    {
      config: requires('applications:write', 'integrator'),
      schema: {
        summary: 'Submit an application',
        tags: ['applications'],
        headers: idempotencyHeaders,
        body: applicationSubmission,
        response: {
          202: { description: 'Accepted: the case is stored and will start in the engine', ...applicationAccepted },
          400: problemResponse('Invalid fields, each named in errors'),
          422: problemResponse('Idempotency-Key used before with a different body'),
          429: problemResponse('Rate limit exceeded'),
        },
      },
    },
    // The case is one statement, so without an Idempotency-Key it needs no transaction.
    async (request, reply) =>
      replyOnce(
        request,
        reply,
        async (conn) => {
          const created = await createCase(conn, request.body, request.principal.subject);
          request.log.info({ application: created }, 'application received');
          return { statusCode: 202, body: created, location: `/applications/${created.id}` };
        },
        'one-statement',
      ),
  );

  app.get<{ Querystring: ApplicationListQuery }>(
    '/applications',
    {
      config: requires('applications:read', 'integrator', 'caseworker'),
      schema: {
        summary: 'List applications, newest first (integrators: their own)',
        tags: ['applications'],
        querystring: applicationListQuery,
        response: { 200: applicationList, 400: problemResponse('Invalid filter or cursor') },
      },
    },
    async (request) => {
      return listApplications(app.deps.db, { ...request.query, limit: request.query.limit ?? 25, submittedBy: ownCasesOf(request.principal) });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/applications/:id',
    {
      config: requires('applications:read', 'integrator', 'caseworker'),
      schema: {
        summary: 'Read a case: stage, who decides, deadlines, decision, fee, orders, appeals and timeline',
        tags: ['applications'],
        params: applicationIdParams,
        response: { 200: applicationDetail, 400: problemResponse('Not a case id'), 404: problemResponse('No such case') },
      },
    },
    async (request) => readCase(app.deps.db, await visibleCase(app, request, request.params.id)),
  );
}
