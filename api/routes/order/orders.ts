// Custodian orders of every kind: a custodian lists its own orders, with what each asks for; a
// caseworker lists anyone's. Orders come newest first, in pages keyed by order id. A custodian
// confirms the delivery of its order (a data order or a periodic delivery) at one route,
// /orders/{orderId}/delivery; the two paths integrators used before (by case and custodian, by
// permit and delivery request) find the order and confirm it the same way. A confirmation is
// taken once: a repeat gets 409 naming when it was confirmed, or, with the same
// Idempotency-Key, the first answer; an order whose permit no longer runs gets 409 naming the
// permit's state. Another custodian's order does not exist for the caller (404).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Knex } from 'knex';
import { orderKind, orderKinds, orderStates, type OrderKind, type OrderState } from '../../../domain/order/states.ts';
import { orderView } from '../../../store/case/view.ts';
import { grantedSources, type GrantedSource } from '../../../store/case/decisions.ts';
import { confirmDelivery, DeliveryRefused, findOrder } from '../../../store/order/delivery.ts';
import { findDataOrder, findPeriodicOrder, type OrderRow } from '../../../store/order/events.ts';
import { listOrders } from '../../../store/order/read.ts';
import { isCaseworker, requires } from '../../auth.ts';
import { replyOnce } from '../../idempotency.ts';
import { problems } from '../../problems.ts';
import { custodianOrder, deliveryConfirmation, deliveryOrderParams, idempotencyHeaders, problemResponse } from '../../schemas.ts';

type OrdersQuery = { custodianId?: string; kind?: OrderKind; state?: OrderState; delivered?: boolean; limit?: number; after?: number };
type Source = { registerId: string; variables: string[]; period?: { startDate?: string; endDate?: string } };
type Confirm = { Headers: { 'idempotency-key'?: string }; Body: { analysisEnvironment?: string } };

const orderItem = {
  type: 'object',
  required: [...custodianOrder.required, 'applicationId', 'permitId', 'reference', 'dataSources'],
  properties: {
    ...custodianOrder.properties,
    applicationId: { type: 'string', format: 'uuid', description: 'The case the order belongs to (for a permit\'s orders, the case that granted the permit)' },
    permitId: { type: ['string', 'null'], format: 'uuid' },
    reference: { type: 'string' },
    dataKind: { type: 'string' },
    linkage: { type: 'boolean' },
    dataSources: {
      type: 'array',
      description: "What the order asks for at this custodian's registers: a data order the sources the decision granted, with only the variables granted; a periodic delivery its request's; a notice nothing",
      items: {
        type: 'object',
        properties: {
          registerId: { type: 'string' },
          variables: { type: 'array', items: { type: 'string' } },
          period: { type: 'object', properties: { startDate: { type: 'string' }, endDate: { type: 'string' } } },
        },
      },
    },
  },
} as const;

const confirmedOrder = {
  type: 'object',
  required: [...custodianOrder.required, 'messageId'],
  properties: {
    ...custodianOrder.properties,
    messageId: { type: ['string', 'null'], format: 'uuid', description: "A data order's confirmation as queued for the case's process; null for a periodic delivery" },
  },
} as const;

function confirmationSchema(summary: string, params: object) {
  return {
    summary,
    tags: ['orders'],
    params,
    headers: idempotencyHeaders,
    body: deliveryConfirmation,
    response: {
      200: { description: 'Recorded: a periodic delivery, with its confirmation', ...confirmedOrder },
      202: { description: "Recorded and queued for the case's process: a data order, with its confirmation", ...confirmedOrder },
      400: problemResponse('Invalid fields, each named in errors'),
      404: problemResponse('No order to the caller there'),
      409: problemResponse('The delivery was confirmed before, the order was stopped or not sent, or its permit or case does not take deliveries (the state named)'),
      422: problemResponse('Idempotency-Key used before with a different body'),
    },
  };
}

function dataSourcesOf(row: Record<string, any>, granted: Map<string, GrantedSource[]>): Source[] {
  const atCustodian = (sources: Source[]) => sources.filter((source) => row.register_ids.includes(source.registerId));
  if (row.kind === orderKind.dataOrder) return atCustodian(granted.get(row.application_id) ?? []);
  if (row.kind === orderKind.periodicDelivery) return atCustodian(row.requested_sources ?? []);
  return [];
}

export async function orderRoutes(app: FastifyInstance) {
  const { db } = app.deps;

  app.get<{ Querystring: OrdersQuery }>(
    '/orders',
    {
      config: requires('orders:read', 'custodian', 'caseworker'),
      schema: {
        summary: 'List orders to custodians of every kind, newest first (custodians: their own)',
        tags: ['orders'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            custodianId: { type: 'string', minLength: 1, maxLength: 50, description: 'Caseworkers only: one custodian' },
            kind: { type: 'string', enum: orderKinds },
            state: { type: 'string', enum: orderStates },
            delivered: { type: 'boolean', description: 'true: delivered; false: still waiting for the custodian (sent or created data orders and periodic deliveries)' },
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 25 },
            after: { type: 'integer', minimum: 1, description: 'nextAfter of the previous page' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['items', 'nextAfter'],
            properties: { items: { type: 'array', items: orderItem }, nextAfter: { type: ['integer', 'null'] } },
          },
          400: problemResponse('Invalid filter'),
        },
      },
    },
    async (request) => {
      const custodianId = isCaseworker(request.principal) ? request.query.custodianId : request.principal.custodianId;
      const { page, nextAfter } = await listOrders(db, { ...request.query, custodianId, limit: request.query.limit ?? 25 });
      // A data order carries what the decision granted, read from the structured decision.
      const dataOrderCases = new Set(page.filter((row) => row.kind === orderKind.dataOrder).map((row) => row.application_id as string));
      const granted = new Map(await Promise.all([...dataOrderCases].map(async (id) => [id, await grantedSources(db, id)] as const)));
      return {
        items: page.map((row) => ({
          ...orderView(row),
          applicationId: row.application_id,
          permitId: row.permit_id ?? null,
          reference: row.reference,
          dataKind: row.submission.dataKind,
          linkage: Boolean(row.submission.linkage?.requested),
          dataSources: dataSourcesOf(row, granted),
        })),
        nextAfter,
      };
    },
  );

  // Confirms the caller's order that `find` names, once per Idempotency-Key. The auth plugin
  // refuses a custodian token that names no custodian.
  function confirm(request: FastifyRequest<Confirm>, reply: FastifyReply, find: (tx: Knex.Transaction, custodianId: string) => Promise<OrderRow | undefined>, notFound: string) {
    const custodianId = request.principal.custodianId!;
    return replyOnce(request, reply, async (tx) => {
      const order = await find(tx, custodianId);
      if (!order || order.custodian_id !== custodianId) throw problems.notFound(notFound);
      try {
        const confirmed = await confirmDelivery(tx, order.id, { actor: request.principal.subject, analysisEnvironment: request.body.analysisEnvironment, now: new Date() });
        return { statusCode: order.kind === orderKind.dataOrder ? 202 : 200, body: { ...orderView(confirmed.order), messageId: confirmed.messageId } };
      } catch (error) {
        if (error instanceof DeliveryRefused) throw problems.wrongState(error.message);
        throw error;
      }
    });
  }

  app.post<Confirm & { Params: { orderId: number } }>(
    '/orders/:orderId/delivery',
    {
      config: requires('orders:write', 'custodian'),
      schema: confirmationSchema("A custodian's confirmation that it delivered its order (a data order or a periodic delivery)", {
        type: 'object',
        required: ['orderId'],
        properties: { orderId: { type: 'integer', minimum: 1 } },
      }),
    },
    (request, reply) => confirm(request, reply, (tx) => findOrder(tx, request.params.orderId), `Order ${request.params.orderId} to ${request.principal.custodianId}`),
  );

  app.post<Confirm & { Params: { id: string; custodianId: string } }>(
    '/applications/:id/orders/:custodianId/delivery',
    {
      config: requires('orders:write', 'custodian'),
      schema: confirmationSchema('The same as /orders/{orderId}/delivery for the data order of a case, found by case and custodian', {
        type: 'object',
        required: ['id', 'custodianId'],
        properties: { id: { type: 'string', format: 'uuid' }, custodianId: { type: 'string', minLength: 1, maxLength: 50 } },
      }),
    },
    async (request, reply) => {
      const { id, custodianId } = request.params;
      if (request.principal.custodianId !== custodianId) throw problems.forbidden(`Only ${custodianId} confirms its own orders`);
      return confirm(request, reply, (tx) => findDataOrder(tx, id, custodianId), `An order to ${custodianId} in application ${id}`);
    },
  );

  app.post<Confirm & { Params: { id: string; requestId: string } }>(
    '/permits/:id/delivery-requests/:requestId/delivery',
    {
      config: requires('orders:write', 'custodian'),
      schema: confirmationSchema('The same as /orders/{orderId}/delivery for the order of a periodic delivery, found by permit and delivery request', deliveryOrderParams),
    },
    (request, reply) =>
      confirm(request, reply, (tx, custodianId) => findPeriodicOrder(tx, request.params.id, request.params.requestId, custodianId), `An order to ${request.principal.custodianId} in delivery request ${request.params.requestId}`),
  );
}
