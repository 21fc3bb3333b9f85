// The cost estimate before the decision under EHDS (Regulation (EU) 2025/327 Art. 62(5)). A
// custodian asked for its estimate answers once, on its own request, with the amount in NOK
// and what it covers; the last answer queues cost-estimates-received for the case's process,
// which then sends the applicant HDS's and the custodians' estimates. The applicant (the
// integrator that submitted the case) answers that estimate once: accept, and the case goes on
// to the assessment; withdraw, and the case is withdrawn through the case machine, its
// statutory clock stopped, and the process closes it with an invoice for the costs incurred.
// A second answer, an answer before the request or the estimate, or another custodian's
// request gets a problem and changes nothing.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { auditStep, message } from '../../../domain/audit-steps.ts';
import { applicantName } from '../../../domain/case/facts.ts';
import { costEstimateAnswer, costEstimateAnswers, maxEstimateNok, type CostEstimateAnswer } from '../../../domain/case/cost-estimate.ts';
import { caseEvent, caseMachine } from '../../../domain/case/states.ts';
import { custodianName } from '../../../domain/registers.ts';
import { recordStep } from '../../../platform/audit.ts';
import { lockRequest, lockEstimate, recordApplicantAnswer, recordCustodianEstimate, stopStatutoryClock } from '../../../store/case/cost-estimates.ts';
import { applyCaseEvent } from '../../../store/case/events.ts';
import { journalIncoming, lockCaseFor, queueCaseMessage } from '../../../store/case/messages.ts';
import { ownCasesOf, requires } from '../../auth.ts';
import { replyOnce } from '../../idempotency.ts';
import { problems } from '../../problems.ts';
import { applicantAnswerSchema, idempotencyHeaders, problemResponse, text } from '../../schemas.ts';

const uuid = { type: 'string', format: 'uuid' } as const;

type EstimateRequest = { Params: { id: string; custodianId: string }; Headers: { 'idempotency-key'?: string }; Body: { amountNok: number; description: string } };
type AnswerRequest = { Params: { id: string }; Headers: { 'idempotency-key'?: string }; Body: { answer: CostEstimateAnswer } };

export async function costEstimateRoutes(app: FastifyInstance) {
  app.post<EstimateRequest>(
    '/applications/:id/cost-estimates/:custodianId',
    {
      config: requires('orders:write', 'custodian'),
      schema: {
        summary: "A custodian's cost estimate for the data an EHDS application asks of it, before the decision (once)",
        tags: ['case messages'],
        params: { type: 'object', required: ['id', 'custodianId'], properties: { id: uuid, custodianId: { type: 'string', minLength: 1, maxLength: 50 } } },
        headers: idempotencyHeaders,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['amountNok', 'description'],
          properties: {
            amountNok: { type: 'integer', minimum: 0, maximum: maxEstimateNok, description: 'The estimate in whole NOK, excluding VAT' },
            description: { ...text(2000), description: 'What the estimate covers, in short' },
          },
        },
        response: {
          200: {
            description: 'Recorded; messageId is the message that tells the case every custodian has answered, or null while others have not',
            type: 'object',
            required: ['custodianId', 'amountNok', 'description', 'answeredAt', 'messageId'],
            properties: { custodianId: { type: 'string' }, amountNok: { type: 'integer' }, description: { type: 'string' }, answeredAt: { type: 'string', format: 'date-time' }, messageId: { type: ['string', 'null'], format: 'uuid' } },
          },
          400: problemResponse('Invalid fields (an amount that is not a whole number of NOK from 0), each named in errors'),
          403: problemResponse("Another custodian's request"),
          404: problemResponse('No such case, or no request for an estimate to this custodian in it'),
          409: problemResponse('The custodian has answered before, or the case no longer waits for estimates'),
          422: problemResponse('Idempotency-Key used before with a different body'),
        },
      },
    },
    async (request, reply) => {
      const { id, custodianId } = request.params;
      if (request.principal.custodianId !== custodianId) throw problems.forbidden(`Only ${custodianId} gives its own cost estimate`);
      return replyOnce(request, reply, async (tx) => {
        const application = await lockCaseFor(tx, id, undefined);
        const asked = application && (await lockRequest(tx, id, custodianId));
        if (!application || !asked) throw problems.notFound(`A request for a cost estimate to ${custodianId} in application ${id}`);
        if (asked.answered_at) throw problems.wrongState(`${custodianId} gave its cost estimate on ${new Date(asked.answered_at).toISOString()}; it is taken once`);
        // Estimates are taken while the case may still take the applicant's answer: not once withdrawn.
        if (!caseMachine.accepts(application.status, caseEvent.costEstimateAccepted)) throw problems.wrongState(`The case is ${application.status}: it no longer waits for cost estimates`);
        const now = new Date();
        const { amountNok, description } = request.body;
        const actor = request.principal.subject;
        const { allAnswered } = await recordCustodianEstimate(tx, { applicationId: id, custodianId, amountNok, description, actor, now });
        await recordStep(tx, { applicationId: id, step: auditStep.costEstimateReceived, qualifier: custodianId, actor, detail: { amountNok } });
        await journalIncoming(tx, id, { title: 'Kostnadsoverslag fra registerforvalter', correspondent: custodianName(custodianId) ?? custodianId, caseReference: application.reference }, `cost-estimate:${custodianId}`);
        const queued = allAnswered ? await queueCaseMessage(tx, { applicationId: id, name: message.costEstimatesReceived, variables: {}, actor }) : undefined;
        return { statusCode: 200, body: { custodianId, amountNok, description, answeredAt: now.toISOString(), messageId: queued?.messageId ?? null } };
      });
    },
  );

  app.post<AnswerRequest>(
    '/applications/:id/cost-estimate/answer',
    {
      config: requires('applications:write', 'integrator'),
      schema: applicantAnswerSchema(
        "The applicant's answer to the cost estimate of an EHDS case: accept, or withdraw the application and pay only the costs incurred (once)",
        costEstimateAnswers,
        'No cost estimate has been sent yet, or it was answered before',
      ),
    },
    async (request, reply) => {
      const { id } = request.params;
      return replyOnce(request, reply, async (tx) => {
        const application = await lockCaseFor(tx, id, ownCasesOf(request.principal));
        if (!application) throw problems.notFound(`Application ${id}`);
        const estimate = await lockEstimate(tx, id);
        if (!estimate) throw problems.wrongState(`The case is ${application.status}: no cost estimate has been sent to answer`);
        if (estimate.answer) throw problems.wrongState(`The cost estimate was answered (${estimate.answer}) on ${new Date(estimate.answered_at).toISOString()}; it is answered once`);
        const { answer } = request.body;
        const event = answer === costEstimateAnswer.withdraw ? caseEvent.withdrawn : caseEvent.costEstimateAccepted;
        if (!caseMachine.accepts(application.status, event)) throw problems.wrongState(`The case is ${application.status}: it does not take ${event}`);
        const now = new Date();
        const actor = request.principal.subject;
        const messageId = randomUUID();
        await applyCaseEvent(tx, { applicationId: id, event, qualifier: messageId, actor, now, detail: { answer }, message: { name: message.costEstimateAnswered, messageId, variables: { costEstimateAnswer: answer } } });
        await recordApplicantAnswer(tx, id, answer, actor, now);
        if (event === caseEvent.withdrawn) await stopStatutoryClock(tx, id, now);
        const title = answer === costEstimateAnswer.withdraw ? 'Søknaden trukket etter kostnadsoverslag' : 'Kostnadsoverslaget godtatt';
        await journalIncoming(tx, id, { title, correspondent: applicantName(application.submission), caseReference: application.reference }, `message:${messageId}`);
        return { statusCode: 202, body: { messageId } };
      });
    },
  );
}
