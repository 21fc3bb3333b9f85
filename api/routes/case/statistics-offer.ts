// The applicant's answer to anonymised statistics offered instead of a refusal (EHDS Art. 68(3)):
// accept, and the case goes on as a request for anonymised statistics; decline, and the refusal
// stands. Once, by the last day the refusal letter named, by the integrator that submitted the
// case. No open offer, a second answer or one after the last day gets a problem and changes
// nothing; its detail says why, as the API's other problems do.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { message } from '../../../domain/audit-steps.ts';
import { applicantName } from '../../../domain/case/facts.ts';
import { statisticsOfferAnswer, statisticsOfferAnswers, type StatisticsOfferAnswer } from '../../../domain/case/statistics-offer.ts';
import { caseEvent, caseMachine } from '../../../domain/case/states.ts';
import { osloDay } from '../../../domain/working-days.ts';
import { applyCaseEvent } from '../../../store/case/events.ts';
import { journalIncoming, lockCaseFor } from '../../../store/case/messages.ts';
import { lockStatisticsOffer, recordStatisticsOfferAnswer } from '../../../store/case/statistics-offers.ts';
import { ownCasesOf, requires } from '../../auth.ts';
import { replyOnce } from '../../idempotency.ts';
import { problems } from '../../problems.ts';
import { applicantAnswerSchema } from '../../schemas.ts';

type AnswerRequest = { Params: { id: string }; Headers: { 'idempotency-key'?: string }; Body: { answer: StatisticsOfferAnswer } };

export async function statisticsOfferRoutes(app: FastifyInstance) {
  app.post<AnswerRequest>(
    '/applications/:id/statistics-offer/answer',
    {
      config: requires('applications:write', 'integrator'),
      schema: applicantAnswerSchema(
        "The applicant's answer to anonymised statistics offered instead of a refusal under EHDS: accept, and the case becomes a request for anonymised statistics; decline, and the refusal stands (once, by the last day the letter names)",
        statisticsOfferAnswers,
        'No statistics were offered in the case, the offer was answered before, or its last day has passed',
      ),
    },
    async (request, reply) => {
      const { id } = request.params;
      return replyOnce(request, reply, async (tx) => {
        const application = await lockCaseFor(tx, id, ownCasesOf(request.principal));
        if (!application) throw problems.notFound(`Application ${id}`);
        const offer = await lockStatisticsOffer(tx, id);
        if (!offer) throw problems.wrongState(`The case is ${application.status}: no anonymised statistics were offered instead of a refusal`);
        if (offer.answer) throw problems.wrongState(`The offer of anonymised statistics was answered (${offer.answer}) on ${new Date(offer.answered_at!).toISOString()}; it is answered once`);
        const now = new Date();
        if (now.getTime() > new Date(offer.answer_due_at).getTime()) throw problems.wrongState(`The last day to answer the offer of anonymised statistics was ${osloDay(new Date(offer.answer_due_at))}; the refusal stands`);
        const { answer } = request.body;
        const event = answer === statisticsOfferAnswer.accept ? caseEvent.statisticsOfferAccepted : caseEvent.statisticsOfferDeclined;
        if (!caseMachine.accepts(application.status, event)) throw problems.wrongState(`The case is ${application.status}: it does not take ${event}`);
        const actor = request.principal.subject;
        const messageId = randomUUID();
        await applyCaseEvent(tx, { applicationId: id, event, qualifier: messageId, actor, now, detail: { answer }, message: { name: message.statisticsOfferAnswered, messageId, variables: { statisticsOfferAnswer: answer } } });
        await recordStatisticsOfferAnswer(tx, id, { answer, actor, now });
        const title = answer === statisticsOfferAnswer.accept ? 'Tilbud om anonymisert statistikk godtatt' : 'Tilbud om anonymisert statistikk avslått';
        await journalIncoming(tx, id, { title, correspondent: applicantName(application.submission), caseReference: application.reference }, `message:${messageId}`);
        return { statusCode: 202, body: { messageId } };
      });
    },
  );
}
