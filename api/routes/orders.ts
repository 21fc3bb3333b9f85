// Custodians' data orders: a custodian lists its own orders, with what each asks for; a
// caseworker lists anyone's. Orders come newest first, in pages keyed by order id.
import type { FastifyInstance } from 'fastify';
import { orderView } from '../../service/case-view.ts';
import { grantedSources } from '../../service/decisions.ts';
import { isCaseworker, requires } from '../auth.ts';
import { custodianOrder, problemResponse } from '../schemas.ts';

type OrdersQuery = { custodianId?: string; delivered?: boolean; limit?: number; after?: number };

const orderItem = {
  type: 'object',
  required: [...custodianOrder.required, 'orderId', 'applicationId', 'reference', 'dataSources'],
  properties: {
    ...custodianOrder.properties,
    orderId: { type: 'integer' },
    applicationId: { type: 'string', format: 'uuid' },
    reference: { type: 'string' },
    dataKind: { type: 'string' },
    linkage: { type: 'boolean' },
    dataSources: {
      type: 'array',
      description: "The sources the decision granted at this custodian's registers, with only the variables granted",
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

export async function orderRoutes(app: FastifyInstance) {
  app.get<{ Querystring: OrdersQuery }>(
    '/orders',
    {
      config: requires('orders:read', 'custodian', 'caseworker'),
      schema: {
        summary: 'List data orders, newest first (custodians: their own)',
        tags: ['orders'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            custodianId: { type: 'string', minLength: 1, maxLength: 50, description: 'Caseworkers only: one custodian' },
            delivered: { type: 'boolean' },
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
      const { delivered, limit = 25, after } = request.query;
      const custodianId = isCaseworker(request.principal) ? request.query.custodianId : request.principal.custodianId;
      const rows = await app.deps.db('custodian_orders as o')
        .join('applications as a', 'a.id', 'o.application_id')
        .modify((q) => {
          if (custodianId !== undefined) q.where('o.custodian_id', custodianId);
          if (delivered === true) q.whereNotNull('o.delivered_at');
          if (delivered === false) q.whereNull('o.delivered_at');
          if (after !== undefined) q.where('o.id', '<', after);
        })
        .orderBy('o.id', 'desc')
        .limit(limit + 1)
        .select<Record<string, any>[]>('o.*', 'a.reference', 'a.submission');
      const page = rows.slice(0, limit);
      const granted = new Map(await Promise.all([...new Set(page.map((row) => row.application_id as string))].map(async (id) => [id, await grantedSources(app.deps.db, id)] as const)));
      return {
        items: page.map((row) => ({
          ...orderView(row),
          orderId: Number(row.id),
          applicationId: row.application_id,
          reference: row.reference,
          dataKind: row.submission.dataKind,
          linkage: Boolean(row.submission.linkage?.requested),
          dataSources: granted.get(row.application_id)!.filter((source) => row.register_ids.includes(source.registerId)),
        })),
        nextAfter: rows.length > limit ? Number(page.at(-1)!.id) : null,
      };
    },
  );
}
