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
import { extendDelivery, ExtensionRefused } from '../../../store/order/extension.ts';
import { AgreementRefused, feeAgreementView, reportFeeAgreement } from '../../../store/order/fee-agreement.ts';
import { findDataOrder, findPeriodicOrder, type OrderRow } from '../../../store/order/events.ts';
import { listOrders } from '../../../store/order/read.ts';
import { isCaseworker, requires } from '../../auth.ts';
import { replyOnce } from '../../idempotency.ts';
import { problems } from '../../problems.ts';
import { custodianOrder, deliveryConfirmation, deliveryExtension, deliveryOrderParams, feeAgreementReport, idempotencyHeaders, problemResponse } from '../../schemas.ts';

type OrdersQuery = { custodianId?: string; kind?: OrderKind; state?: OrderState; delivered?: boolean; limit?: number; after?: number };
type Source = { registerId: string; variables: string[]; period?: { startDate?: string; endDate?: string } };
type Confirm = { Headers: { 'idempotency-key'?: string }; Body: { analysisEnvironment?: string } };
type Extend = { Headers: { 'idempotency-key'?: string }; Body: { months: number; reason: string }; Params: { orderId: number } };
type ReportFee = { Headers: { 'idempotency-key'?: string }; Body: { amountNok: number; note?: string }; Params: { orderId: number } };

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

const orderParams = {
  type: 'object',
  required: ['orderId'],
  properties: { orderId: { type: 'integer', minimum: 1 } },
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
      schema: confirmationSchema("A custodian's confirmation that it delivered its order (a data order or a periodic delivery)", orderParams),
    },
    (request, reply) => confirm(request, reply, (tx) => findOrder(tx, request.params.orderId), `Order ${request.params.orderId} to ${request.principal.custodianId}`),
  );

  // A custodian's request about its own order under EHDS, answered 202 with the order and the
  // message queued for the engine; a refusal (the request's own Error class) is the problem it
  // names. Once per Idempotency-Key.
  type Refusal = { kind: 'rulebook' | 'state' } | { kind: 'field'; field: string; message: string };
  function orderRequestSchema(summary: string, body: object, accepted: string, invalid: string, conflict: string) {
    return {
      summary,
      tags: ['orders'],
      params: orderParams,
      headers: idempotencyHeaders,
      body,
      response: {
        202: { description: accepted, type: 'object', required: [...custodianOrder.required, 'messageId'], properties: { ...custodianOrder.properties, messageId: { type: 'string', format: 'uuid' } } },
        400: problemResponse(invalid),
        404: problemResponse('No order to the caller there'),
        409: problemResponse(conflict),
        422: problemResponse('Idempotency-Key used before with a different body'),
      },
    };
  }
  function onOwnOrder(
    request: FastifyRequest<Extend> | FastifyRequest<ReportFee>,
    reply: FastifyReply,
    act: (tx: Knex.Transaction, order: OrderRow) => Promise<object>,
    refusalOf: (error: unknown) => (Refusal & { message: string }) | undefined,
  ) {
    const custodianId = request.principal.custodianId!;
    return replyOnce(request, reply, async (tx) => {
      const order = await findOrder(tx, request.params.orderId);
      if (!order || order.custodian_id !== custodianId) throw problems.notFound(`Order ${request.params.orderId} to ${custodianId}`);
      try {
        return { statusCode: 202, body: await act(tx, order) };
      } catch (error) {
        const refusal = refusalOf(error);
        if (!refusal) throw error;
        if (refusal.kind === 'field') throw problems.invalidRequest([{ field: refusal.field, message: refusal.message }]);
        throw refusal.kind === 'rulebook' ? problems.notInRulebook(refusal.message) : problems.wrongState(refusal.message);
      }
    });
  }

  // Under EHDS a custodian may have its data order's delivery deadline extended once, by up to
  // the months the rule holder-delivery-extension allows, giving its reasons (Art. 60(2)). The
  // case's process takes the new deadline and sets its timer again.
  app.post<Extend>(
    '/orders/:orderId/extension',
    {
      config: requires('orders:write', 'custodian'),
      schema: orderRequestSchema(
        "A custodian's extension of its data order's delivery deadline, once, with reasons (EHDS cases only, Art. 60(2))",
        deliveryExtension,
        "Recorded and queued for the case's process: the order with its new deadline and the extension",
        'Invalid fields, each named in errors: no reasons, or more months than the rule allows',
        'The case follows the Norwegian rules (no extension), or the order was extended before, was delivered, is not a sent data order, or its deadline has passed',
      ),
    },
    (request, reply) =>
      onOwnOrder(
        request,
        reply,
        async (tx, order) => {
          const extended = await extendDelivery(tx, order, { ...request.body, actor: request.principal.subject, now: new Date() });
          return { ...orderView(extended.order), messageId: extended.messageId };
        },
        (error) => (error instanceof ExtensionRefused ? error.refusal : undefined),
      ),
  );

  // Under EHDS the custodian reports the fee it agreed with the user for its data order, within
  // 1 month of the permit (Art. 62(4)); the order's hds-fee-agreement instance then ends.
  app.post<ReportFee>(
    '/orders/:orderId/fee-agreement',
    {
      config: requires('orders:write', 'custodian'),
      schema: orderRequestSchema(
        "A custodian's report of the fee it agreed with the user for its data order, once, within 1 month of the permit (EHDS cases only, Art. 62(4))",
        feeAgreementReport,
        "Recorded and queued for the order's fee-agreement process: the order with its agreement",
        'Invalid fields, each named in errors: the amount not a whole number of NOK from 0',
        'The case follows the Norwegian rules (no agreement is reported), or the order has no agreement, it was reported or set before, or its deadline has passed',
      ),
    },
    (request, reply) =>
      onOwnOrder(
        request,
        reply,
        async (tx, order) => {
          const reported = await reportFeeAgreement(tx, order, { feeNok: request.body.amountNok, note: request.body.note, actor: request.principal.subject, now: new Date() });
          return { ...orderView(order), feeAgreement: feeAgreementView(reported.agreement), messageId: reported.messageId };
        },
        (error) => (error instanceof AgreementRefused ? error.refusal : undefined),
      ),
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
