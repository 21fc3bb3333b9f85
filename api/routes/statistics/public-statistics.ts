// The public statistics, without login: GET /public/statistics/activity, the activity report
// for a period (JSON by default, a web page that needs no JavaScript, or CSV), and GET
// /public/statistics/processing-times, what a new application today can expect per register
// beside the last twelve months (JSON or the web page). The format is chosen by the Accept
// header or by ?format= (what the pages' links use).
import type { FastifyInstance } from 'fastify';
import { activityReport, type ReportPeriod } from '../../../domain/statistics/activity.ts';
import { addCalendarDays, osloDay } from '../../../domain/working-days.ts';
import { processingTimes } from '../../../domain/statistics/processing-times.ts';
import { readNewApplicationForecasts } from '../../../store/forecast/store.ts';
import { readCaseActivity } from '../../../store/statistics/activity.ts';
import { cachedFigures } from '../../../store/statistics/statistics.ts';
import { negotiate, pagePolicy, type Format } from '../../public-formats.ts';
import { problems } from '../../problems.ts';
import { problemResponse } from '../../schemas.ts';
import { activityCsv, activityPage, processingTimePage } from './public-statistics-format.ts';

const day = { type: 'string', format: 'date' } as const;
const counts = { type: 'object', additionalProperties: { type: 'integer' } } as const;
const days = {
  type: 'object',
  required: ['cases', 'medianDays', 'meanDays'],
  properties: { cases: { type: 'integer' }, medianDays: { type: ['number', 'null'] }, meanDays: { type: ['number', 'null'] } },
} as const;
const activityProperties = {
  received: { type: 'object', description: 'Applications received in the period, in all and by application type', required: ['total', 'byType'], properties: { total: { type: 'integer' }, byType: counts } },
  decisions: { type: 'object', description: 'Decisions made in the period, in all and by outcome', required: ['total', 'byOutcome'], properties: { total: { type: 'integer' }, byOutcome: counts } },
  toDecision: { ...days, description: 'Calendar days from receipt to decision, of the decisions in the period' },
  toDelivery: { ...days, description: 'Calendar days from receipt to the last custodian delivery, of the cases whose data were delivered in the period' },
  statutoryDeadline: {
    type: 'object',
    description: 'Decisions in the period on cases with a statutory deadline, how many came by it, and their share (null when none)',
    required: ['decided', 'withinDeadline', 'share'],
    properties: { decided: { type: 'integer' }, withinDeadline: { type: 'integer' }, share: { type: ['number', 'null'] } },
  },
  backlogAtEnd: {
    type: 'object',
    description: "Cases open when the period's last day ended, per stage (in case order, with the stage's Norwegian name)",
    required: ['open', 'stages'],
    properties: {
      open: { type: 'integer' },
      stages: { type: 'array', items: { type: 'object', required: ['code', 'name', 'open'], properties: { code: { type: 'string' }, name: { type: 'string' }, open: { type: 'integer' } } } },
    },
  },
} as const;
const activitySchema = {
  type: 'object',
  required: ['computedAt', 'period', 'total', 'registers'],
  properties: {
    computedAt: { type: 'string', format: 'date-time' },
    period: { type: 'object', required: ['from', 'to'], properties: { from: day, to: day } },
    total: { type: 'object', required: Object.keys(activityProperties), properties: activityProperties },
    registers: {
      type: 'array',
      description: 'The same figures per register named by a case; a case counts under each register it names',
      items: { type: 'object', required: ['registerId', 'name', ...Object.keys(activityProperties)], properties: { registerId: { type: 'string' }, name: { type: 'string' }, ...activityProperties } },
    },
  },
} as const;

const dayRange = {
  type: ['object', 'null'],
  description: 'Calendar days from receipt: the median of the forecast runs and their 80% interval; null when no run gets there within the horizon',
  required: ['median', 'from', 'to'],
  properties: { median: { type: 'integer' }, from: { type: 'integer' }, to: { type: 'integer' } },
} as const;
const processingTimeSchema = {
  type: 'object',
  required: ['forecastComputedAt', 'figuresComputedAt', 'lastTwelveMonths', 'registers'],
  properties: {
    forecastComputedAt: { type: ['string', 'null'], format: 'date-time', description: 'When the forecast was made; null before there is enough history for one' },
    figuresComputedAt: { type: 'string', format: 'date-time', description: 'When the last twelve months were counted' },
    lastTwelveMonths: {
      type: 'object',
      required: ['period', 'toDecision', 'toDelivery'],
      properties: { period: { type: 'object', required: ['from', 'to'], properties: { from: day, to: day } }, toDecision: days, toDelivery: days },
    },
    registers: {
      type: 'array',
      description: 'Per register: a new application received today naming it alone',
      items: {
        type: 'object',
        required: ['registerId', 'name', 'expected', 'lastTwelveMonths'],
        properties: {
          registerId: { type: 'string' },
          name: { type: 'string' },
          expected: { type: 'object', required: ['toDecision', 'toDelivery'], properties: { toDecision: dayRange, toDelivery: dayRange } },
          lastTwelveMonths: { type: 'object', required: ['toDecision', 'toDelivery'], properties: { toDecision: days, toDelivery: days } },
        },
      },
    },
  },
} as const;

type ActivityQuery = { from?: string; to?: string; format?: Format };

// The default period: the year up to today.
const lastYear = (today: string): ReportPeriod => ({ from: addCalendarDays(today, -364), to: today });

export async function publicStatisticsRoutes(app: FastifyInstance) {
  const maxAgeMs = app.settings.statsMaxAgeSeconds * 1000;
  const reports = cachedFigures(async (period) => activityReport(await readCaseActivity(app.deps.db, period.to!), period as ReportPeriod), maxAgeMs, {
    onError: (error) => app.log.error({ err: error }, 'the activity report could not be computed again'),
  });

  app.get<{ Querystring: ActivityQuery }>(
    '/public/statistics/activity',
    {
      schema: {
        summary: 'Activity report for a period, in total and per register: applications received, decisions, processing times, share within the statutory deadline, backlog at the end; no personal data',
        description:
          'No login. Days are Norwegian calendar days, both inclusive; without from and to, the year up to today. JSON, text/html (a page that works without JavaScript, with SVG charts) or text/csv (one figure a line), by the Accept header or format.',
        tags: ['public statistics'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: { ...day, description: 'First day, inclusive (default: 364 days before to)' },
            to: { ...day, description: 'Last day, inclusive (default: today)' },
            format: { type: 'string', enum: ['json', 'html', 'csv'], description: 'Instead of the Accept header' },
          },
        },
        response: {
          200: {
            description: 'The report',
            content: { 'application/json': { schema: activitySchema }, 'text/html': { schema: { type: 'string' } }, 'text/csv': { schema: { type: 'string' } } },
          },
          400: problemResponse('Invalid period'),
        },
      },
    },
    async (request, reply) => {
      const today = osloDay(new Date());
      const to = request.query.to ?? today;
      const from = request.query.from ?? lastYear(to).from;
      if (from > to) throw problems.invalidRequest([{ field: 'querystring.from', message: 'must not be after to' }]);
      const format = request.query.format ?? negotiate(request.headers.accept);
      const { figures: report, computedAt } = await reports({ from, to });
      reply.header('vary', 'Accept').header('cache-control', 'public, max-age=300');
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8; header=present')
          .header('content-disposition', `attachment; filename="aktivitet-${from}-${to}.csv"`)
          .send(activityCsv(report));
      }
      if (format === 'html') {
        return reply.type('text/html; charset=utf-8').header('content-security-policy', pagePolicy).send(activityPage(request.url.split('?')[0]!, report, computedAt.toISOString()));
      }
      return reply.type('application/json; charset=utf-8').send({ computedAt: computedAt.toISOString(), ...report });
    },
  );
  app.get<{ Querystring: { format?: Format } }>(
    '/public/statistics/processing-times',
    {
      schema: {
        summary: 'Expected processing time for a new application today, per register, beside the median of the last twelve months; no personal data',
        description: 'No login. JSON or text/html (a page that works without JavaScript), by the Accept header or format. The forecast is the one the service refreshes as cases move.',
        tags: ['public statistics'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { format: { type: 'string', enum: ['json', 'html'], description: 'Instead of the Accept header' } },
        },
        response: {
          200: { description: 'The processing times', content: { 'application/json': { schema: processingTimeSchema }, 'text/html': { schema: { type: 'string' } } } },
          400: problemResponse('Invalid format'),
        },
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? negotiate(request.headers.accept, ['json', 'html']);
      const forecasts = await readNewApplicationForecasts(app.deps.db);
      const forecastAt = forecasts[0]?.computedAt ?? null;
      const { figures: lastYearReport, computedAt } = await reports(lastYear(osloDay(new Date())));
      const times = processingTimes(forecasts, forecastAt ? osloDay(forecastAt) : osloDay(new Date()), lastYearReport);
      reply.header('vary', 'Accept').header('cache-control', 'public, max-age=300');
      if (format === 'html') {
        return reply.type('text/html; charset=utf-8').header('content-security-policy', pagePolicy).send(processingTimePage(times, forecastAt?.toISOString() ?? null, computedAt.toISOString()));
      }
      return reply.type('application/json; charset=utf-8').send({ forecastComputedAt: forecastAt?.toISOString() ?? null, figuresComputedAt: computedAt.toISOString(), ...times });
    },
  );
}
