// Intake and reading of applications. Intake stores the case, its first audit step and the
// engine command in one transaction; the outbox relay starts the process.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { recordStep } from '../../service/audit.ts';
import { problems } from '../problems.ts';
import { applicationSubmission, type ApplicationSubmission } from '../schemas.ts';

export async function applicationRoutes(app: FastifyInstance) {
  app.post<{ Body: ApplicationSubmission }>(
    '/applications',
    { schema: { body: applicationSubmission } },
    async (request, reply) => {
      const { db } = app.deps;
      const id = randomUUID();
      const created = await db.transaction(async (tx) => {
        const { rows } = await tx.raw(`select nextval('application_number') as n`);
        const reference = `HDS-${new Date().getUTCFullYear()}-${String(rows[0].n).padStart(5, '0')}`;
        await tx('applications').insert({ id, reference, status: 'received', submission: request.body });
        await recordStep(tx, { applicationId: id, step: 'received', actor: 'integrator' });
        await tx('outbox').insert({
          application_id: id,
          command: 'publish-message',
          payload: { name: 'application-submitted', correlationKey: id, messageId: id, variables: { applicationId: id } },
        });
        return { id, reference, status: 'received' };
      });
      return reply.status(202).header('location', `/applications/${id}`).send(created);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/applications/:id',
    { schema: { params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] } } },
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
        processInstanceKey: application.process_instance_key,
        receivedAt: application.received_at,
        timeline,
      };
    },
  );
}
