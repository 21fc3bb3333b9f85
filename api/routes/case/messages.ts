// Messages into a running case: the applicant's supplement and appeal, another body's
// decision (a custodian's delivery is confirmed at api/routes/order/orders.ts). Each is accepted only
// in the state of the case that waits for it (else 409), stored with the engine command in one
// transaction (with its Idempotency-Key when it has one), and answered 202. The applicant's
// messages come from the integrator that submitted the case; decisions of other bodies are
// registered by caseworkers.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Knex } from 'knex';
import { applicantName } from '../../../domain/case/facts.ts';
import { message, type MessageName } from '../../../domain/audit-steps.ts';
import { caseMachine, type CaseEvent } from '../../../domain/case/states.ts';
import { recipientName } from '../../../domain/case/forwarding.ts';
import { forwardedRecipients, hasAppealableDecision, journalIncoming, lockCaseFor, openAppealStanding, queueCaseMessage, type CaseMessage } from '../../../store/case/messages.ts';
import { applyCaseEvent } from '../../../store/case/events.ts';
import { recordAnswer } from '../../../store/case/supplement-requests.ts';
import { ownCasesOf, requires } from '../../auth.ts';
import { replyOnce } from '../../idempotency.ts';
import { problems } from '../../problems.ts';
import { idempotencyHeaders, problemResponse, prose, text } from '../../schemas.ts';

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
    headers: idempotencyHeaders,
    body,
    response: {
      202: { description: 'Accepted: recorded and queued for the engine', ...messageAccepted },
      400: problemResponse('Invalid fields, each named in errors'),
      404: problemResponse('No such case (or order)'),
      409: problemResponse('The case is not waiting for this'),
      422: problemResponse('Idempotency-Key used before with a different body'),
    },
  };
}

// The reason the case cannot take a message now beyond its status (an order, an appeal), or
// nothing; the 409 puts the case's status before it.
type Check = (tx: Knex.Transaction, application: { id: string; status: string }) => Promise<string | undefined>;
// What the case file keeps of the message beside the event (the supplement that answers a request).
type Keep = (tx: Knex.Transaction, applicationId: string, at: Date) => Promise<void>;

// What each message is as an incoming document in the case's journal, and who sent it.
const incomingDocuments: Partial<Record<MessageName, { title: string; from: 'applicant' | 'caller' }>> = {
  'supplement-received': { title: 'Ettersendte opplysninger', from: 'applicant' },
  'appeal-received': { title: 'Klage på vedtak', from: 'applicant' },
  'external-decision-received': { title: 'Vedtak fra organet saken ble sendt til', from: 'caller' },
  'helseklage-decision-received': { title: 'Vedtak fra Helseklage', from: 'caller' },
};

const unknownCase = (applicationId: string) => problems.notFound(`Application ${applicationId}`);

// The body whose decision a caseworker registers: one the case was forwarded to, named by
// decidedBy, or the only one. Any other is the caseworker's mistake, refused as such. A case
// whose forwarding the case file does not hold (set forwarded by hand) names no body, as before.
async function decidingBodyOf(tx: Knex.Transaction, applicationId: string, decidedBy: string | undefined) {
  const recipients = await forwardedRecipients(tx, applicationId);
  if (recipients.length === 0 && !decidedBy) return undefined;
  const body = decidedBy ?? (recipients.length === 1 ? recipients[0] : undefined);
  if (!body || !recipients.includes(body)) {
    const reason = decidedBy ? `was not sent the case: name one of ${recipients.join(', ')}` : `must name which body decided: one of ${recipients.join(', ')}`;
    throw problems.invalidRequest([{ field: '/decidedBy', message: reason }]);
  }
  return { name: recipientName(body), variables: { externalDecidedBy: body } };
}

type MessageRequest = FastifyRequest<{ Params: { id: string }; Headers: { 'idempotency-key'?: string } }>;

// Who sent the message when it is another body than the caller (the body that decided a
// forwarded case): named in the journal, and its id handed to the process with the message.
type Sender = (tx: Knex.Transaction, application: { id: string }) => Promise<{ name: string; variables: Record<string, string> } | undefined>;

type Acceptance = {
  // Why the case does not take the message, when the case machine says its status does not.
  refusal?: string;
  check?: Check;
  keep?: Keep;
  sender?: Sender;
};

const isCaseEvent = (name: string): name is CaseEvent => name in caseMachine.transitions;

// Queues the message in one transaction with the case's event, once per Idempotency-Key, and
// sends the answer: the case machine refuses a message the case's status does not take, the
// check what the status alone does not tell (409, writing nothing). Integrators reach only their
// own cases.
function accept(request: MessageRequest, reply: FastifyReply, message: Omit<CaseMessage, 'applicationId' | 'actor'>, { refusal, check, keep, sender }: Acceptance = {}) {
  const { principal } = request;
  const applicationId = request.params.id;
  return replyOnce(request, reply, async (tx) => {
    const application = await lockCaseFor(tx, applicationId, ownCasesOf(principal));
    if (!application) throw unknownCase(applicationId);
    const event = isCaseEvent(message.name) ? message.name : undefined;
    // The check first: it may tell the caller that what it answers does not exist (404).
    const checked = await check?.(tx, application);
    const notTaken = event && !caseMachine.accepts(application.status, event) ? (refusal ?? `it does not take ${event}`) : checked;
    if (notTaken) throw problems.wrongState(`The case is ${application.status}: ${notTaken}`);
    const from = await sender?.(tx, application);
    const sent = from ? { ...message, variables: { ...message.variables, ...from.variables } } : message;
    const actor = principal.subject;
    const messageId = randomUUID();
    const now = new Date();
    if (event) {
      const detail = { localCorrelationKeys: message.localCorrelationKeys };
      await applyCaseEvent(tx, { applicationId, event, qualifier: messageId, actor, detail, now, message: { ...sent, messageId } });
    } else {
      await queueCaseMessage(tx, { applicationId, ...sent, messageId, actor });
    }
    await keep?.(tx, applicationId, now);
    const incoming = incomingDocuments[message.name]!;
    const correspondent = incoming.from === 'applicant' ? applicantName(application.submission) : (from?.name ?? principal.custodianId ?? principal.subject);
    await journalIncoming(tx, applicationId, { title: incoming.title, correspondent, caseReference: application.reference }, `message:${messageId}`);
    return { statusCode: 202, body: { messageId } };
  });
}

export async function caseMessageRoutes(app: FastifyInstance) {
  app.post<{ Params: { id: string }; Headers: { 'idempotency-key'?: string }; Body: { note: string } }>(
    '/applications/:id/supplements',
    { config: requires('applications:write', 'integrator'), schema: routeSchema("The applicant's supplement to an incomplete application", { type: 'object', additionalProperties: false, required: ['note'], properties: { note: prose(10_000) } }) },
    async (request, reply) =>
      accept(request, reply, { name: message.supplementReceived, variables: { supplementNote: request.body.note } }, { refusal: 'it is not waiting for a supplement', keep: recordAnswer }),
  );

  app.post<{ Params: { id: string }; Headers: { 'idempotency-key'?: string }; Body: { outcome: string; reference: string; decidedBy?: string } }>(
    '/applications/:id/external-decision',
    {
      config: requires('decisions:write', 'caseworker'),
      schema: routeSchema('The decision of the body a case was forwarded to (custodian, REK, Helsedirektoratet)', {
        type: 'object',
        additionalProperties: false,
        required: ['outcome', 'reference'],
        properties: {
          outcome: { type: 'string', enum: ['grant', 'partial-grant', 'refusal'] },
          reference: text(100),
          decidedBy: { ...text(50), description: "The body that decided, as the case's forwardedTo names it (recipient); may be left out when the case went to one body only" },
        },
      }),
    },
    async (request, reply) =>
      accept(
        request,
        reply,
        { name: message.externalDecisionReceived, variables: { externalOutcome: request.body.outcome, externalDecisionReference: request.body.reference } },
        { refusal: 'it was not forwarded to another body', sender: (tx, application) => decidingBodyOf(tx, application.id, request.body.decidedBy) },
      ),
  );

  app.post<{ Params: { id: string }; Headers: { 'idempotency-key'?: string }; Body: { grounds: string; sentOn?: string } }>(
    '/applications/:id/appeals',
    {
      config: requires('applications:write', 'integrator'),
      schema: routeSchema('An appeal of the decision (free of charge; within 3 weeks)', {
        type: 'object',
        additionalProperties: false,
        required: ['grounds'],
        properties: { grounds: prose(20_000), sentOn: day },
      }),
    },
    async (request, reply) => {
      const { id } = request.params;
      const decided: Check = async (tx) => ((await hasAppealableDecision(tx, id)) ? undefined : 'it has no decision to appeal');
      return accept(
        request,
        reply,
        { name: message.appealReceived, starts: true, variables: { applicationId: id, ...(request.body.sentOn ? { appealReceivedOn: request.body.sentOn } : {}) } },
        { refusal: 'it has no decision to appeal', check: decided },
      );
    },
  );

  app.post<{ Params: { id: string }; Headers: { 'idempotency-key'?: string }; Body: { outcome: 'uphold' | 'reverse'; reference: string } }>(
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
      const refusals = { none: 'it has no open appeal', 'with-hds': 'its appeal has not been sent to Helseklage', 'at-helseklage': undefined };
      const atHelseklage: Check = async (tx) => refusals[await openAppealStanding(tx, id)];
      return accept(
        request,
        reply,
        { name: message.helseklageDecisionReceived, variables: { helseklageOutcome: request.body.outcome, helseklageReference: request.body.reference } },
        { check: atHelseklage },
      );
    },
  );
}
