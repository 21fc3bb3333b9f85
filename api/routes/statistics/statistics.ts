// The published figures of case handling, for caseworkers and HDS's reporting.
import type { FastifyInstance } from 'fastify';
import { cachedFigures, caseStatistics, type Period } from '../../../store/statistics/statistics.ts';
import { orderKinds, type OrderKind } from '../../../domain/order/states.ts';
import { rulebookIds, type RulebookId } from '../../../domain/rulebook/rulebooks.ts';
import { requires } from '../../auth.ts';
import { problems } from '../../problems.ts';
import { backlogForecast } from '../../forecast-schemas.ts';
import { caseStage, permitFigures, problemResponse } from '../../schemas.ts';

const day = { type: 'string', format: 'date' } as const;
const durations = {
  type: 'object',
  required: ['cases', 'medianDays', 'p90Days'],
  properties: { cases: { type: 'integer' }, medianDays: { type: ['number', 'null'] }, p90Days: { type: ['number', 'null'] } },
} as const;
const counts = { type: 'object', additionalProperties: { type: 'integer' } } as const;
const orderCounts = {
  type: 'object',
  required: ['total', 'open', 'delivered', 'deliveredInPeriod', 'stopped', 'late', 'lateInPeriod'],
  properties: {
    total: { type: 'integer' },
    open: { type: 'integer' },
    delivered: { type: 'integer' },
    deliveredInPeriod: { type: 'integer' },
    stopped: { type: 'integer' },
    late: { type: 'integer', description: "Under EHDS: orders whose custodian let the delivery deadline pass undelivered (the late holders, Art. 63(4))" },
    lateInPeriod: { type: 'integer', description: 'Of those, the orders that became late in the period' },
  },
} as const;
const breachCounts = {
  type: 'object',
  required: ['withStatutoryDeadline', 'breached', 'breachedAndUndecided'],
  properties: { withStatutoryDeadline: { type: 'integer' }, breached: { type: 'integer' }, breachedAndUndecided: { type: 'integer' } },
} as const;
const answerCounts = {
  type: 'object',
  required: ['releasedInTime', 'releasedLate', 'overdue', 'pending', 'late'],
  properties: { releasedInTime: { type: 'integer' }, releasedLate: { type: 'integer' }, overdue: { type: 'integer' }, pending: { type: 'integer' }, late: { type: 'integer' } },
} as const;
const openStages = {
  type: 'array',
  description: 'Every stage a case can be open in, in case order, with its Norwegian name and its open cases (0 too)',
  items: {
    type: 'object',
    required: ['code', 'name', 'open'],
    properties: { code: caseStage.stage, name: caseStage.stageName, open: { type: 'integer' } },
  },
} as const;

const statistics = {
  type: 'object',
  required: ['computedAt', 'period', 'backlog', 'processingTimes', 'deadlineBreaches', 'decisionPublications', 'userAccess'],
  properties: {
    computedAt: {
      type: 'string',
      format: 'date-time',
      description:
        'When these figures were computed. They are computed again once they are STATS_MAX_AGE_SECONDS old; the request that finds them older still gets them, the next ones get the new figures. Figures twice that old are never served: the request waits for new ones.',
    },
    period: { type: 'object', properties: { from: { type: ['string', 'null'] }, to: { type: ['string', 'null'] } } },
    backlog: {
      type: 'object',
      description: 'Open cases now: in all, per stage (byStage by stage code, only stages with open cases; stages also with names) and per register named',
      required: ['open', 'byStage', 'stages', 'byRegister'],
      properties: { open: { type: 'integer' }, byStage: counts, stages: openStages, byRegister: counts },
    },
    processingTimes: {
      type: 'object',
      description: 'Calendar days from receipt, for cases decided (delivered) in the period',
      required: ['toDecision', 'toDelivery'],
      properties: { toDecision: durations, toDelivery: durations },
    },
    deadlineBreaches: {
      type: 'object',
      description: "Statutory deadlines falling due in the period, in all and per rulebook (byRulebook: norwegian, ehds; each case's deadline is its own rulebook's)",
      required: ['withStatutoryDeadline', 'breached', 'breachedAndUndecided', 'byRulebook'],
      properties: {
        ...breachCounts.properties,
        byRulebook: { type: 'object', required: [...rulebookIds], properties: Object.fromEntries(rulebookIds.map((id) => [id, breachCounts])) as Record<RulebookId, typeof breachCounts> },
      },
    },
    decisionPublications: {
      type: 'object',
      description:
        'Decisions due to be published in the period (30 working days after the decision): published in time, published late, past the due date and still unpublished (overdue), not yet due (pending); late is publishedLate + overdue',
      required: ['publishedInTime', 'publishedLate', 'overdue', 'pending', 'late'],
      properties: { publishedInTime: { type: 'integer' }, publishedLate: { type: 'integer' }, overdue: { type: 'integer' }, pending: { type: 'integer' }, late: { type: 'integer' } },
    },
    userAccess: {
      type: 'object',
      description:
        "EHDS cases whose user's access to the data was due in the period (2 months after the holders' last delivery, Art. 68(7)): given in time, given late, past the due date and not yet given (overdue), not yet due (pending); late is givenLate + overdue",
      required: ['givenInTime', 'givenLate', 'overdue', 'pending', 'late'],
      properties: { givenInTime: { type: 'integer' }, givenLate: { type: 'integer' }, overdue: { type: 'integer' }, pending: { type: 'integer' }, late: { type: 'integer' } },
    },
    statisticsAnswers: {
      type: 'object',
      description:
        "Granted requests for anonymised statistics whose answer was due in the period, per rulebook (rule statistics-answer: EHDS a further 3 months from the decision, Art. 69(4); Norwegian rules HDS's own period): released in time, released late, past the due date and not yet released (overdue), not yet due (pending); late: found not released at the deadline by its timer (late_at)",
      required: ['byRulebook'],
      properties: {
        byRulebook: { type: 'object', required: [...rulebookIds], properties: Object.fromEntries(rulebookIds.map((id) => [id, answerCounts])) as Record<RulebookId, typeof answerCounts> },
      },
    },
    orders: {
      type: 'object',
      description: 'Orders to custodians per kind (data-order, periodic-delivery, stop, reinstatement): all, still waiting for delivery, delivered (in all and in the period), stopped by a revocation, whose deadline passed undelivered under EHDS (late, in all and in the period)',
      required: [...orderKinds],
      properties: Object.fromEntries(orderKinds.map((kind) => [kind, orderCounts])) as Record<OrderKind, typeof orderCounts>,
    },
    permits: permitFigures,
    backlogForecast,
  },
} as const;

export async function statisticsRoutes(app: FastifyInstance) {
  const maxAgeMs = app.settings.statsMaxAgeSeconds * 1000;
  const figures = cachedFigures((period) => caseStatistics(app.deps.db, period), maxAgeMs, {
    onError: (error) => app.log.error({ err: error }, 'statistics could not be computed again; the previous figures are served while younger than twice their maximum age'),
  });
  app.get<{ Querystring: Period }>(
    '/stats',
    {
      config: requires('stats:read', 'caseworker'),
      schema: {
        summary: 'Backlog, processing times and deadline breaches',
        tags: ['statistics'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { from: { ...day, description: 'First day (Norwegian time), inclusive' }, to: { ...day, description: 'Last day, inclusive' } },
        },
        response: { 200: statistics, 400: problemResponse('Invalid period') },
      },
    },
    async (request, reply) => {
      const { from, to } = request.query;
      if (from && to && from > to) throw problems.invalidRequest([{ field: 'querystring.to', message: 'must not be before from' }]);
      const answer = await figures({ from, to });
      const ageMs = Date.now() - answer.computedAt.getTime();
      reply.header('cache-control', `private, max-age=${Math.max(0, Math.floor((maxAgeMs - ageMs) / 1000))}`);
      return { computedAt: answer.computedAt.toISOString(), ...answer.figures };
    },
  );
}
