// Intake, listing and reading of applications. Intake stores the case in one transaction
// (service/intake.ts); the outbox relay starts the process.
import type { FastifyInstance } from 'fastify';
import { createCase } from '../../service/intake.ts';
import { decodeCursor, encodeCursor, listApplications } from '../../service/list-applications.ts';
import { answerOnce, type StoredAnswer } from '../idempotency.ts';
import { problems } from '../problems.ts';
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
} from '../schemas.ts';

export async function applicationRoutes(app: FastifyInstance) {
  app.post<{ Body: ApplicationSubmission; Headers: { 'idempotency-key'?: string } }>(
    '/applications',
    {
      schema: {
        summary: 'Submit an application',
        tags: ['applications'],
        headers: idempotencyHeaders,
        body: applicationSubmission,
        response: {
          202: { description: 'Accepted: the case is stored and will start in the engine', ...applicationAccepted },
          400: problemResponse('Invalid fields, each named in errors'),
          413: problemResponse('Body too large'),
          415: problemResponse('Not JSON'),
          422: problemResponse('Idempotency-Key used before with a different body'),
          429: problemResponse('Rate limit exceeded'),
        },
      },
    },
    async (request, reply) => {
      const { db } = app.deps;
      const answer = await db.transaction((tx) =>
        answerOnce(tx, request.headers['idempotency-key'], request.body, async (): Promise<StoredAnswer> => {
          const created = await createCase(tx, request.body);
          return { statusCode: 202, body: created, location: `/applications/${created.id}` };
        }),
      );
      if (answer.replayed) reply.header('idempotent-replayed', 'true');
      else request.log.info({ application: answer.body }, 'application received');
      if (answer.location) reply.header('location', answer.location);
      return reply.status(answer.statusCode).send(answer.body);
    },
  );

  app.get<{ Querystring: ApplicationListQuery }>(
    '/applications',
    {
      schema: {
        summary: 'List applications, newest first',
        tags: ['applications'],
        querystring: applicationListQuery,
        response: { 200: applicationList, 400: problemResponse('Invalid filter or cursor') },
      },
    },
    async (request) => {
      const { cursor, limit = 25 } = request.query;
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      if (cursor !== undefined && !after) {
        throw problems.invalidRequest([{ field: 'querystring.cursor', message: 'is not a cursor this API issued' }]);
      }
      const { items, next } = await listApplications(app.deps.db, { ...request.query, limit }, after);
      return { items, nextCursor: next ? encodeCursor(next) : null };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/applications/:id',
    {
      schema: {
        summary: 'Read a case: status and timeline',
        tags: ['applications'],
        params: applicationIdParams,
        response: { 200: applicationDetail, 400: problemResponse('Not a case id'), 404: problemResponse('No such case') },
      },
    },
    async (request) => {
      const { db } = app.deps;
      const application = await db('applications').where({ id: request.params.id }).first();
      if (!application) throw problems.notFound(`Application ${request.params.id}`);
      const timeline = await db('audit_events')
        .where({ application_id: application.id })
        .orderBy('id')
        .select('step', 'actor', 'occurred_at as at');
      return {
        id: application.id,
        reference: application.reference,
        status: application.status,
        applicationType: application.application_type,
        processInstanceKey: application.process_instance_key,
        receivedAt: application.received_at,
        timeline,
      };
    },
  );
}
