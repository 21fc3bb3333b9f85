// Messages into a running case: the applicant's supplement and appeal, another body's
// decision (a custodian's delivery is confirmed at api/routes/orders.ts). Each is accepted only in the state of the case that waits
// for it (else 409), stored with the engine command in one transaction, and answered 202.
// The applicant's messages come from the integrator that submitted the case; decisions of
// other bodies are registered by caseworkers.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Knex } from 'knex';
import { applicantName } from '../../domain/case-facts.ts';
import { receiveCaseMessage, type CaseMessage } from '../../service/case-messages.ts';
import { ownCasesOf, requires } from '../auth.ts';
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

// What each message is as an incoming document in the case's journal, and who sent it.
const incomingDocuments: Record<string, { title: string; from: 'applicant' | 'caller' }> = {
  'supplement-received': { title: 'Ettersendte opplysninger', from: 'applicant' },
  'appeal-received': { title: 'Klage på vedtak', from: 'applicant' },
  'external-decision-received': { title: 'Vedtak fra organet saken ble sendt til', from: 'caller' },
  'helseklage-decision-received': { title: 'Vedtak fra Helseklage', from: 'caller' },
};

const unknownCase = (applicationId: string) => problems.notFound(`Application ${applicationId}`);

// Runs the state check and queues the message in one transaction; the check answers with the
// reason the case cannot take the message, or nothing. Integrators reach only their own cases.
async function accept(db: Knex, request: FastifyRequest, applicationId: string, check: Check, message: Omit<CaseMessage, 'applicationId' | 'actor'>) {
  const { principal } = request;
  return db.transaction(async (tx) => {
    const application = await tx('applications')
      .where({ id: applicationId })
      .modify((q) => {
        const submittedBy = ownCasesOf(principal);
        if (submittedBy !== undefined) q.where({ submitted_by: submittedBy });
      })
      .forUpdate()
      .first('id', 'status', 'reference', 'submission');
    if (!application) throw unknownCase(applicationId);
    const refusal = await check(tx, applicationId);
    if (refusal) throw problems.wrongState(refusal);
    const incoming = incomingDocuments[message.name]!;
    return receiveCaseMessage(tx, { applicationId, ...message, actor: principal.subject }, {
      title: incoming.title,
      correspondent: incoming.from === 'applicant' ? applicantName(application.submission) : (principal.custodianId ?? principal.subject),
      caseReference: application.reference,
    });
  });
}

const statusIs = (expected: string, refusal: string): Check => async (tx, id) =>
  (await tx('applications').where({ id }).first('status')).status === expected ? undefined : refusal;

export async function caseMessageRoutes(app: FastifyInstance) {
  app.post<{ Params: { id: string }; Body: { note: string } }>(
    '/applications/:id/supplements',
    { config: requires('applications:write', 'integrator'), schema: routeSchema("The applicant's supplement to an incomplete application", { type: 'object', additionalProperties: false, required: ['note'], properties: { note: text(10_000) } }) },
    async (request, reply) => {
      const { id } = request.params;
      const accepted = await accept(app.deps.db, request, id, statusIs('awaiting-supplement', 'The case is not waiting for a supplement'), {
        name: 'supplement-received',
        variables: { supplementNote: request.body.note },
      });
      return reply.status(202).send(accepted);
    },
  );

  app.post<{ Params: { id: string }; Body: { outcome: string; reference: string } }>(
    '/applications/:id/external-decision',
    {
      config: requires('decisions:write', 'caseworker'),
      schema: routeSchema('The decision of the body a case was forwarded to (custodian, REK, Helsedirektoratet)', {
        type: 'object',
        additionalProperties: false,
        required: ['outcome', 'reference'],
        properties: { outcome: { type: 'string', enum: ['grant', 'partial-grant', 'refusal'] }, reference: text(100) },
      }),
    },
    async (request, reply) => {
      const { id } = request.params;
      const accepted = await accept(app.deps.db, request, id, statusIs('forwarded', 'The case was not forwarded to another body'), {
        name: 'external-decision-received',
        variables: { externalOutcome: request.body.outcome, externalDecisionReference: request.body.reference },
      });
      return reply.status(202).send(accepted);
    },
  );

  app.post<{ Params: { id: string }; Body: { grounds: string; sentOn?: string } }>(
    '/applications/:id/appeals',
    {
      config: requires('applications:write', 'integrator'),
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
      const accepted = await accept(app.deps.db, request, id, decided, {
        name: 'appeal-received',
        starts: true,
        variables: { applicationId: id, ...(request.body.sentOn ? { appealReceivedOn: request.body.sentOn } : {}) },
      });
      return reply.status(202).send(accepted);
    },
  );

  app.post<{ Params: { id: string }; Body: { outcome: 'uphold' | 'reverse'; reference: string } }>(
    '/applications/:id/appeals/helseklage-decision',
    {
      config: requires('decisions:write', 'caseworker'),
      schema: routeSchema("Helseklage's decision on an appeal HDS sent on", {
        type: 'object',
        additionalProperties: false,
        required: ['outcome', 'reference'],
        properties: { outcome: { type: 'string', enum: ['uphold', 'reverse'] }, reference: text(100) },
      }),
    },
    async (request, reply) => {
      const { id } = request.params;
      const atHelseklage: Check = async (tx) => {
        const appeal = await tx('appeals').where({ application_id: id }).whereNull('outcome').orderBy('id', 'desc').first();
        if (!appeal) return 'The case has no open appeal';
        const forwarded = await tx('audit_events').where({ application_id: id, step: `appeal-forwarded:${appeal.process_instance_key}` }).first();
        return forwarded ? undefined : 'The appeal has not been sent to Helseklage';
      };
      const accepted = await accept(app.deps.db, request, id, atHelseklage, {
        name: 'helseklage-decision-received',
        variables: { helseklageOutcome: request.body.outcome, helseklageReference: request.body.reference },
      });
      return reply.status(202).send(accepted);
    },
  );
}
