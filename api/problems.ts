// Errors as RFC 9457 problem details, from one catalogue.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { StateRefusal } from '../domain/state-machine.ts';
import { InvalidCursor } from '../platform/paging.ts';
import { maxBodyBytes } from './schemas.ts';

export type FieldError = { field: string; message: string };

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? title);
  }
}

const typeBase = 'https://helsedata.no/problems/';

export const problems = {
  notFound: (what: string) => new Problem(404, `${typeBase}not-found`, 'Not found', `${what} does not exist`),
  unavailable: (detail: string) => new Problem(503, `${typeBase}unavailable`, 'Service unavailable', detail),
  invalidRequest: (errors: FieldError[]) =>
    new Problem(400, `${typeBase}invalid-request`, 'Invalid request', 'The request has invalid fields', errors),
  unauthenticated: (detail: string) => new Problem(401, `${typeBase}unauthenticated`, 'Authentication required', detail),
  forbidden: (detail: string) => new Problem(403, `${typeBase}forbidden`, 'Forbidden', detail),
  badRequest: (detail: string) => new Problem(400, `${typeBase}bad-request`, 'Bad request', detail),
  wrongState: (detail: string) => new Problem(409, `${typeBase}wrong-state`, 'Not possible in this state of the case', detail),
  notInRulebook: (detail: string) => new Problem(409, `${typeBase}not-in-rulebook`, "Not a rule of the case's rulebook", detail),
  bodyTooLarge: () => new Problem(413, `${typeBase}body-too-large`, 'Body too large', `The request body must be at most ${maxBodyBytes} bytes`),
  unsupportedMediaType: (detail: string) => new Problem(415, `${typeBase}unsupported-media-type`, 'Unsupported media type', detail),
  idempotencyKeyReused: () =>
    new Problem(
      422,
      `${typeBase}idempotency-key-reused`,
      'Idempotency key reused',
      'This Idempotency-Key was used with a different request body',
    ),
  tooManyRequests: (detail: string) => new Problem(429, `${typeBase}too-many-requests`, 'Too many requests', detail),
};

// Fastify's own client errors that have an entry in the catalogue. Every body the API reads
// is JSON (api/app.ts registers no other parser), so a 415 names that type.
const byStatus: Record<number, (error: FastifyError, request: FastifyRequest) => Problem> = {
  400: (error) => problems.badRequest(error.message),
  413: () => problems.bodyTooLarge(),
  415: (_error, request) => {
    const sent = request.headers['content-type'];
    return problems.unsupportedMediaType(`The body must be JSON, sent as Content-Type: application/json${sent ? `, not ${sent}` : ''}`);
  },
};

type ValidationItem = { keyword?: string; instancePath?: string; message?: string; params?: Record<string, unknown> };

function fieldOf(item: ValidationItem, context: string | undefined): string {
  const missing = item.params?.missingProperty;
  const extra = item.params?.additionalProperty;
  const base = (item.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  const leaf = (missing ?? extra) as string | undefined;
  const path = [base, leaf].filter(Boolean).join('.');
  return context && context !== 'body' ? `${context}.${path}` : path || context || '';
}

// The database is away (stopped, restarting, unreachable) or has no connection to spare: the
// client may retry, and with an Idempotency-Key a retry creates nothing twice.
const unavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);

export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, name, message } = (error ?? {}) as { code?: string; name?: string; message?: string };
  if (code && unavailableCodes.has(code)) return true;
  if (name === 'KnexTimeoutError') return true;
  return /Connection terminated|connection is closed|Client has encountered a connection error/i.test(message ?? '');
}

function toProblem(error: FastifyError, request: FastifyRequest): Problem {
  if (error instanceof Problem) return error;
  // An event the case's, permit's or order's state does not accept: the machine names the state.
  if (error instanceof StateRefusal) return problems.wrongState(error.message);
  if (error instanceof InvalidCursor) return problems.invalidRequest([{ field: 'querystring.cursor', message: 'is not a cursor this API issued' }]);
  if (isDatabaseUnavailable(error)) return problems.unavailable('The case file is not reachable; retry shortly');
  if (error.validation) {
    // An unmet if/then also reports the failed "then" itself; the required field it names
    // is already in the list.
    const items = (error.validation as ValidationItem[]).filter((item) => item.keyword !== 'if');
    return problems.invalidRequest(
      items.map((item) => ({ field: fieldOf(item, error.validationContext), message: item.message ?? 'is invalid' })),
    );
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) return new Problem(500, `${typeBase}internal`, 'Internal error');
  const known = byStatus[status];
  if (known) return known(error, request);
  return new Problem(status, `${typeBase}${error.code ?? 'bad-request'}`.toLowerCase(), error.message);
}

export function sendProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const problem = toProblem(error, request);
  if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
  if (problem.status === 401) reply.header('www-authenticate', 'Bearer');
  if (problem.status === 503) reply.header('retry-after', '5');
  return reply
    .status(problem.status)
    .type('application/problem+json')
    .send({
      type: problem.type,
      title: problem.title,
      status: problem.status,
      ...(problem.detail ? { detail: problem.detail } : {}),
      ...(problem.errors ? { errors: problem.errors } : {}),
      instance: request.url,
    });
}
