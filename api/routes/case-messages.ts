// Messages into a running case: the applicant's supplement and appeal, another body's
// decision, a custodian's delivery. Each is accepted only in the state of the case that waits
// for it (else 409), stored with the engine command in one transaction, and answered 202.
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { queueCaseMessage, type CaseMessage } from '../../service/case-messages.ts';
import { problems } from '../problems.ts';
import { problemResponse } from '../schemas.ts';

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
const day = { type: 'string', format: 'date' } as const;
const uuid = { type: 'string', format: 'uuid' } as const;

const messageAccepted = {
  type: 'object',
  required: ['messageId'],
  properties: { messageId: uuid },
} as const;

function routeSchema(summary: string, body: object, params: object = { type: 'object', required: ['id'], properties: { id: uuid } }) {
  return {
    summary,
    tags: ['case messages'],
    params,
    body,
    response: {
      202: { description: 'Accepted: recorded and queued for the engine', ...messageAccepted },
      400: problemResponse('Invalid fields, each named in errors'),
      404: problemResponse('No such case (or order)'),
      409: problemResponse('The case is not waiting for this'),
    },
  };
}

type Check = (tx: Knex.Transaction, applicationId: string) => Promise<string | undefined>;

// Runs the state check and queues the message in one transaction; the check answers with the
// reason the case cannot take the message, or nothing.
async function accept(db: Knex, applicationId: string, check: Check, message: Omit<CaseMessage, 'applicationId'>) {
  return db.transaction(async (tx) => {
    const application = await tx('applications').where({ id: applicationId }).forUpdate().first('id', 'status');
    if (!application) throw problems.notFound(`Application ${applicationId}`);
    const refusal = await check(tx, applicationId);
    if (refusal) throw problems.wrongState(refusal);
    return queueCaseMessage(tx, { applicationId, ...message });
  });
}

const statusIs = (expected: string, refusal: string): Check => async (tx, id) =>
  (await tx('applications').where({ id }).first('status')).status === expected ? undefined : refusal;

export async function caseMessageRoutes(app: FastifyInstance) {
  app.post<{ Params: { id: string }; Body: { note: string } }>(
    '/applications/:id/supplements',
    { schema: routeSchema("The applicant's supplement to an incomplete application", { type: 'object', additionalProperties: false, required: ['note'], properties: { note: text(10_000) } }) },
    async (request, reply) => {
      const { id } = request.params;
      const accepted = await accept(app.deps.db, id, statusIs('awaiting-supplement', 'The case is not waiting for a supplement'), {
        name: 'supplement-received',
        correlationKey: id,
        variables: { supplementNote: request.body.note },
        actor: 'applicant',
      });
      return reply.status(202).send(accepted);
    },
  );

  app.post<{ Params: { id: string }; Body: { outcome: string; reference: string } }>(
    '/applications/:id/external-decision',
    {
      schema: routeSchema('The decision of the body a case was forwarded to (custodian, REK, Helsedirektoratet)', {
        type: 'object',
        additionalProperties: false,
        required: ['outcome', 'reference'],
        properties: { outcome: { type: 'string', enum: ['grant', 'partial-grant', 'refusal'] }, reference: text(100) },
      }),
    },
    async (request, reply) => {
      const { id } = request.params;
      const accepted = await accept(app.deps.db, id, statusIs('forwarded', 'The case was not forwarded to another body'), {
        name: 'external-decision-received',
        correlationKey: id,
        variables: { externalOutcome: request.body.outcome, externalDecisionReference: request.body.reference },
        actor: 'external-body',
      });
      return reply.status(202).send(accepted);
    },
  );

  app.post<{ Params: { id: string; custodianId: string }; Body: { analysisEnvironment?: string } }>(
    '/applications/:id/orders/:custodianId/delivery',
    {
      schema: routeSchema(
        "A custodian's confirmation that it delivered the ordered data",
        { type: 'object', additionalProperties: false, properties: { analysisEnvironment: text(100) } },
        { type: 'object', required: ['id', 'custodianId'], properties: { id: uuid, custodianId: text(50) } },
      ),
    },
    async (request, reply) => {
      const { id, custodianId } = request.params;
      const openOrder: Check = async (tx) => {
        const order = await tx('custodian_orders').where({ application_id: id, custodian_id: custodianId }).first();
        if (!order) return `No order to ${custodianId} in this case`;
        if (order.delivered_at) return `${custodianId} has already confirmed its delivery`;
        return order.sent_at ? undefined : `The order to ${custodianId} has not been sent yet`;
      };
      const accepted = await accept(app.deps.db, id, openOrder, {
        name: 'delivery-confirmed',
        correlationKey: `${id}/${custodianId}`,
        variables: request.body.analysisEnvironment ? { analysisEnvironment: request.body.analysisEnvironment } : {},
        actor: custodianId,
      });
      return reply.status(202).send(accepted);
    },
  );

  app.post<{ Params: { id: string }; Body: { grounds: string; sentOn?: string } }>(
    '/applications/:id/appeals',
    {
      schema: routeSchema('An appeal of the decision (free of charge; within 3 weeks)', {
        type: 'object',
        additionalProperties: false,
        required: ['grounds'],
        properties: { grounds: text(20_000), sentOn: day },
      }),
    },
    async (request, reply) => {
      const { id } = request.params;
      const decided: Check = async (tx) =>
        (await tx('decisions').where({ application_id: id }).whereNotNull('appeal_deadline').first()) ? undefined : 'The case has no decision to appeal';
      const accepted = await accept(app.deps.db, id, decided, {
        name: 'appeal-received',
        correlationKey: id,
        variables: { applicationId: id, ...(request.body.sentOn ? { appealReceivedOn: request.body.sentOn } : {}) },
        actor: 'applicant',
      });
      return reply.status(202).send(accepted);
    },
  );
}
