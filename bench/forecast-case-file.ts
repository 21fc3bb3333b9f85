// Writes synthetic cases (bench/forecast-history.ts) into the case file as it stood at one
// moment: the application with its status then, its registers, the audit steps up to then, the
// statutory deadline once its clock had started, the decision once made, the custodian orders
// once sent. `copies` writes each case that many times under new ids, for a larger service with
// the same history.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { validSubmission } from '../test/fixtures/submission.ts';
import { caseAt, type SyntheticCase } from './forecast-history.ts';

const batchSize = 1_000;

async function insertAll(db: Knex, table: string, rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += batchSize) await db(table).insert(rows.slice(i, i + batchSize));
}

export async function writeCaseFile(db: Knex, cases: readonly SyntheticCase[], moment: Date, copies = 1) {
  const tables: Record<string, Record<string, unknown>[]> = { applications: [], application_sources: [], audit_events: [], supplement_requests: [], deadlines: [], decisions: [], custodian_orders: [], user_access: [] };
  const flush = async () => {
    for (const [table, rows] of Object.entries(tables)) {
      await insertAll(db, table, rows);
      rows.length = 0;
    }
  };
  for (let copy = 0; copy < copies; copy++) {
    for (const c of cases) {
      if (c.receivedAt >= moment) continue;
      const id = copy === 0 ? c.id : randomUUID();
      const { steps, status, updatedAt } = caseAt(c, moment);
      const forwarded = steps.some((s) => s.step === 'forwarded');
      tables.applications!.push({
        id,
        reference: copy === 0 ? c.reference : `${c.reference}-${copy}`,
        status,
        submission: {
          ...validSubmission,
          applicationType: c.applicationType,
          dataSources: c.registerIds.map((registerId) => ({ registerId, variables: ['variabel'], period: { startDate: '2010-01-01', endDate: '2020-12-31' } })),
          linkage: { requested: c.linked, justification: c.linked ? 'Kobling av kildene.' : undefined },
        },
        received_at: c.receivedAt,
        rulebook: c.rulebook,
        updated_at: updatedAt,
        deciding_body: forwarded ? 'REK' : steps.some((s) => s.step === 'statutory-clock-started' || s.step.startsWith('update-compared')) ? 'HDS' : null,
        application_type: c.applicationType,
        submitted_by: 'bench-integrator',
      });
      for (const registerId of c.registerIds) tables.application_sources!.push({ application_id: id, register_id: registerId });
      for (const s of steps) tables.audit_events!.push({ application_id: id, step: s.step, actor: 'bench', detail: s.detail ?? {}, occurred_at: s.at });
      // A case still waiting for a supplement waits on its latest request.
      for (const s of steps.filter((step) => step.step.startsWith('supplement-requested:'))) {
        tables.supplement_requests!.push({ application_id: id, request_key: `${id}:${s.step}`, missing: 'Variabelliste', requested_at: s.at, due_at: s.detail!.dueAt });
      }
      const decided = c.decision && c.decision.decidedAt < moment ? c.decision : null;
      if (c.deadline && steps.some((s) => s.step === 'statutory-clock-started')) {
        const breached = c.deadline.dueAt < moment && (!decided || decided.decidedAt > c.deadline.dueAt);
        const { rule, period, unit } = c.deadline;
        tables.deadlines!.push({ application_id: id, rule, period, period_unit: unit, working_days: unit === 'working-days' ? period : null, starts_on: c.deadline.startsOn, warn_at: c.deadline.warnAt, due_at: c.deadline.dueAt, breached_at: breached ? c.deadline.dueAt : null });
      }
      if (decided) tables.decisions!.push({ application_id: id, decided_by_body: decided.body, outcome: decided.outcome, decided_by: 'bench', decided_at: decided.decidedAt });
      for (const order of c.orders.filter((o) => o.sentAt < moment)) {
        const delivered = order.deliveredAt && order.deliveredAt < moment;
        tables.custodian_orders!.push({
          kind: 'data-order',
          state: delivered ? 'delivered' : 'sent',
          application_id: id,
          custodian_id: order.custodian,
          register_ids: order.registerIds,
          due_at: order.dueAt,
          sent_at: order.sentAt,
          delivered_at: delivered ? order.deliveredAt : null,
          analysis_environment: delivered ? 'TSD' : null,
        });
      }
      const access = c.userAccess && c.userAccess.deliveredAt < moment ? c.userAccess : null;
      if (access) tables.user_access!.push({ application_id: id, delivered_at: access.deliveredAt, due_at: access.dueAt, given_at: access.givenAt < moment ? access.givenAt : null, given_by: access.givenAt < moment ? 'bench' : null });
      if (tables.audit_events!.length > 20 * batchSize) await flush();
    }
  }
  await flush();
  await db.raw('vacuum analyze');
}
