// Permits after the decision: the holder's integrator reads its own, a custodian those with
// its sources, a caseworker all. The holder or a custodian confirms that the data were deleted
// once the period has ended; a caseworker asks for a revocation, and the holder may appeal one;
// the holder asks for the next delivery under a permit that allows repeated ones. Each message is accepted only in the state
// the permit process waits for it (else 409), stored with its engine command in one transaction
// (with its Idempotency-Key when it has one) and answered 202. A custodian confirms the delivery
// of its order of a periodic delivery at api/routes/order/orders.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Knex } from 'knex';
import { permitEvent, permitMachine, type PermitEvent } from '../../../domain/permit/states.ts';
import { queueCaseMessage, receiveCaseMessage } from '../../../store/case/messages.ts';
import { message } from '../../../domain/audit-steps.ts';
import { listPermits, readPermit, type PermitReach } from '../../../store/permit/view.ts';
import { appealableRevocation, deliveryRequestOpen, markRevocationAppealed, reachablePermit, recordDeletionConfirmation, requestDelivery, requestRevocation, revocationOpen } from '../../../store/permit/requests.ts';
import { holderName, type PermitRow } from '../../../store/permit/permits.ts';
import { isCaseworker, ownCasesOf, requires, type Principal } from '../../auth.ts';
import { replyOnce } from '../../idempotency.ts';
import { problems } from '../../problems.ts';
import {
  deletionConfirmation,
  deliveryRequest,
  idempotencyHeaders,
  permitDetail,
  permitIdParams,
  permitList,
  permitListQuery,
  permitMessageAccepted,
  problemResponse,
  revocationAppeal,
  revocationRequest,
  type PermitListQuery,
} from '../../schemas.ts';

function reachOf(principal: Principal): PermitReach {
  if (isCaseworker(principal)) return {};
  const submittedBy = ownCasesOf(principal);
  if (submittedBy !== undefined) return { submittedBy };
  return { custodianId: principal.custodianId ?? '' };
}

const unknownPermit = (id: string) => problems.notFound(`Permit ${id}`);

function messageSchema(summary: string, body: object) {
  return {
    summary,
    tags: ['permits'],
    params: permitIdParams,
    headers: idempotencyHeaders,
    body,
    response: {
      202: { description: 'Accepted: recorded and queued for the permit process', ...permitMessageAccepted },
      400: problemResponse('Invalid fields, each named in errors'),
      404: problemResponse('No such permit'),
      409: problemResponse('The permit is not waiting for this'),
      422: problemResponse('Idempotency-Key used before with a different body'),
    },
  };
}

// A message the permit's state does not take: 409 naming the state and why.
function refuseUnless(permit: PermitRow, event: PermitEvent, why: string) {
  if (!permitMachine.accepts(permit.state, event)) throw problems.wrongState(`The permit is ${permit.state}: ${why}`);
}

type Accept = (tx: Knex.Transaction, permit: PermitRow) => Promise<Record<string, unknown>>;
type PermitRequest = FastifyRequest<{ Params: { id: string }; Headers: { 'idempotency-key'?: string } }>;

export async function permitRoutes(app: FastifyInstance) {
  const { db } = app.deps;

  // The permit if the caller reaches it, locked so that its state holds until the message is
  // queued; another's permit does not exist as far as the caller can tell.
  async function lockedPermit(tx: Knex.Transaction, request: FastifyRequest, id: string): Promise<PermitRow> {
    const permit = await reachablePermit(tx, id, reachOf(request.principal), { forUpdate: true });
    if (!permit) throw unknownPermit(id);
    return permit;
  }

  // Runs one request's checks and writes on the locked permit and sends the answer, once per
  // Idempotency-Key.
  const accept = (request: PermitRequest, reply: FastifyReply, produce: Accept, statusCode = 202) =>
    replyOnce(request, reply, async (tx) => ({ statusCode, body: await produce(tx, await lockedPermit(tx, request, request.params.id)) }));

  app.get<{ Querystring: PermitListQuery }>(
    '/permits',
    {
      config: requires('permits:read', 'integrator', 'custodian', 'caseworker'),
      schema: {
        summary: "List permits, newest decision first (integrators: their own; custodians: those with their sources)",
        tags: ['permits'],
        querystring: permitListQuery,
        response: { 200: permitList, 400: problemResponse('Invalid filter or cursor') },
      },
    },
    async (request) => listPermits(db, reachOf(request.principal), { ...request.query, limit: request.query.limit ?? 25 }),
  );

  app.get<{ Params: { id: string } }>(
    '/permits/:id',
    {
      config: requires('permits:read', 'integrator', 'custodian', 'caseworker'),
      schema: {
        summary: 'Read a permit: holder, sources and variables, analysis environment, period, conditions, state, history, deletion, revocations and deliveries',
        tags: ['permits'],
        params: permitIdParams,
        response: { 200: permitDetail, 400: problemResponse('Not a permit id'), 404: problemResponse('No such permit') },
      },
    },
    async (request) => {
      const permit = await reachablePermit(db, request.params.id, reachOf(request.principal));
      if (!permit) throw unknownPermit(request.params.id);
      return readPermit(db, permit);
    },
  );

  app.post<{ Params: { id: string }; Headers: { 'idempotency-key'?: string }; Body: { outcome: 'deleted' | 'returned'; note?: string } }>(
    '/permits/:id/deletion-confirmation',
    {
      config: requires('permits:write', 'integrator', 'custodian'),
      schema: messageSchema("The holder's confirmation that the data were deleted or returned, or a custodian's report that they were deleted from the analysis environment", deletionConfirmation),
    },
    async (request, reply) => {
      const { principal } = request;
      return accept(request, reply, async (tx, permit) => {
        refuseUnless(permit, permitEvent.deletionConfirmed, 'a deletion is confirmed once its period has ended, until it is closed');
        const custodianId = ownCasesOf(principal) !== undefined ? null : (principal.custodianId ?? null);
        const { messageId } = await receiveCaseMessage(
          tx,
          { applicationId: permit.application_id, name: message.deletionConfirmed, variables: {}, actor: principal.subject },
          { title: 'Bekreftelse på sletting av data', correspondent: custodianId ?? holderName(permit), caseReference: permit.reference },
        );
        await recordDeletionConfirmation(tx, { permitId: permit.id, messageId, custodianId, confirmedBy: principal.subject, outcome: request.body.outcome, note: request.body.note });
        return { messageId };
      });
    },
  );

  app.post<{ Params: { id: string }; Headers: { 'idempotency-key'?: string }; Body: { reason: string } }>(
    '/permits/:id/revocation',
    {
      config: requires('decisions:write', 'caseworker'),
      schema: messageSchema('Ask for the revocation of a permit for breach of its conditions; an approver other than the caller decides', revocationRequest),
    },
    async (request, reply) => {
      return accept(request, reply, async (tx, permit) => {
        refuseUnless(permit, permitEvent.revocationRequested, 'only a permit whose period runs can be revoked');
        if (await revocationOpen(tx, permit.id)) throw problems.wrongState('A revocation of this permit is being decided');
        const revocationId = await requestRevocation(tx, permit.id, request.body.reason, request.principal.subject);
        const { messageId } = await queueCaseMessage(tx, {
          applicationId: permit.application_id,
          name: message.revocationRequested,
          // The form's answer from an earlier revocation must not show as this one's.
          variables: { revocationId, revocationReason: request.body.reason, revocationRequestedBy: request.principal.subject, revocationOutcome: null, revocationNote: null },
          actor: request.principal.subject,
        });
        return { messageId, revocationId };
      });
    },
  );

  app.post<{ Params: { id: string }; Headers: { 'idempotency-key'?: string }; Body: { grounds: string; sentOn?: string } }>(
    '/permits/:id/appeals',
    {
      config: requires('permits:write', 'integrator'),
      schema: messageSchema('An appeal of the revocation of the permit (free of charge; within 3 weeks of the decision letter); HDS reconsiders, then Helseklage', revocationAppeal),
    },
    async (request, reply) => {
      return accept(request, reply, async (tx, permit) => {
        const onlyRevocations = 'only a revocation can be appealed here (the decision on the application at /applications/{id}/appeals)';
        refuseUnless(permit, permitEvent.revocationAppealed, onlyRevocations);
        const revocation = await appealableRevocation(tx, permit.id);
        if (!revocation) throw problems.wrongState(`The permit is ${permit.state}: ${onlyRevocations}`);
        if (revocation.appealedAt) throw problems.wrongState('The revocation has already been appealed: an appeal is decided once, by HDS or else by Helseklage');
        await markRevocationAppealed(tx, revocation.id, new Date());
        const { messageId } = await receiveCaseMessage(
          tx,
          {
            applicationId: permit.application_id,
            name: message.appealReceived,
            starts: true,
            variables: { applicationId: permit.application_id, permitId: permit.id, revocationId: revocation.id, ...(request.body.sentOn ? { appealReceivedOn: request.body.sentOn } : {}) },
            actor: request.principal.subject,
          },
          { title: 'Klage på vedtak om tilbakekall av tillatelse', correspondent: holderName(permit), caseReference: permit.reference },
        );
        return { messageId, revocationId: revocation.id };
      });
    },
  );

  app.post<{ Params: { id: string }; Headers: { 'idempotency-key'?: string }; Body: { dataSources: object[]; note?: string } }>(
    '/permits/:id/delivery-requests',
    {
      config: requires('permits:write', 'integrator'),
      schema: messageSchema('Ask for the next delivery under a permit that allows repeated deliveries; checked against the permit, with no new decision', deliveryRequest),
    },
    async (request, reply) => {
      return accept(request, reply, async (tx, permit) => {
        refuseUnless(permit, permitEvent.deliveryRequested, 'deliveries are asked for while its period runs');
        if (!permit.periodic_deliveries) throw problems.wrongState('The permit does not allow repeated deliveries: ask for more data with a change application');
        if (await deliveryRequestOpen(tx, permit.id)) throw problems.wrongState('A delivery request under this permit is being checked');
        const deliveryRequestId = await requestDelivery(tx, permit.id, { requestedBy: request.principal.subject, dataSources: request.body.dataSources, note: request.body.note });
        const { messageId } = await receiveCaseMessage(
          tx,
          { applicationId: permit.application_id, name: message.deliveryRequested, variables: { deliveryRequestId }, actor: request.principal.subject },
          { title: 'Anmodning om ny utlevering innenfor tillatelse', correspondent: holderName(permit), caseReference: permit.reference },
        );
        return { messageId, deliveryRequestId };
      });
    },
  );
}
