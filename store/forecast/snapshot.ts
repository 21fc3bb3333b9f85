// What the forecast reads from the case file: the past year's stage visits of every case (the
// history it learns from, read once a day: it counts only days that have ended), and every
// open case as it stands now (its stage and since when, its deadline, who delivers). Under EHDS
// the wait from the holders' delivery to the user's access (user_access) is learned and
// forecast as a queue of its own in delivery (userAccessQueue).
import type { Knex } from 'knex';
import { linkageRequested } from '../../domain/case/facts.ts';
import { caseStatus } from '../../domain/case/states.ts';
import type { OpenCase } from '../../domain/forecast/forecast.ts';
import type { RulebookId } from '../../domain/rulebook/rulebooks.ts';
import { applicantLastDay } from '../../domain/rulebook/supplement-window.ts';
import { addToGroup, queueOrder, userAccessQueue, type CaseKind, type HistoricVisit } from '../../domain/forecast/history.ts';
import { registersByCustodian } from '../../domain/registers.ts';
import { forecastStageOfStatus, forecastStatuses, movingStepPattern, stageVisits } from '../../domain/forecast/stage-visits.ts';
import { orderKind } from '../../domain/order/states.ts';
import { numberWorkingDays, type WorkingDayNumbers } from '../../domain/working-day-numbers.ts';
import { addCalendarDays, osloDay } from '../../domain/working-days.ts';

export type OpenCaseRecord = { id: string; processInstanceId: string | null; registerIds: string[]; forecastCase: OpenCase };

// The history the forecast learns from (a year, and the eight weeks before last year's summer
// holiday to measure it by), and how far ahead it looks (its horizon of 500 working days is
// about two years).
const historyDays = 430;
const aheadDays = 800;

// The working days the forecast counts in, numbered from today.
export function forecastDays(now: Date): WorkingDayNumbers {
  const today = osloDay(now);
  return numberWorkingDays(addCalendarDays(today, -historyDays), addCalendarDays(today, aheadDays), today);
}

type CaseRow = { id: string; status: string; rulebook: RulebookId; application_type: string; received_at: Date; updated_at: Date; process_instance_id: string | null; linkage: unknown; register_ids: string[]; due_at: Date | null };
type OrderRow = { application_id: string; custodian_id: string; sent_at: Date | null; delivered_at: Date | null };
type UserAccessRow = { application_id: string; delivered_at: Date; given_at: Date | null };

// A case the decision table has not yet given a rulebook (received seconds ago) is forecast
// under the Norwegian rules until the next refresh.
const caseColumns = `a.id, a.status, coalesce(a.rulebook, 'norwegian') as rulebook, a.application_type, a.received_at, a.updated_at, a.process_instance_id, a.submission -> 'linkage' as linkage, dl.due_at,
  array(select s.register_id from application_sources s where s.application_id = a.id order by s.register_id) as register_ids`;

function kindOf(row: CaseRow): CaseKind {
  return { applicationType: row.application_type, sourceCount: row.register_ids.length, linked: row.register_ids.length > 1 && linkageRequested(row.linkage as never) };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) addToGroup(groups, key(row), row);
  return groups;
}

// Every stage visit of the cases with a step in the history's span, delivery per custodian
// order.
export async function readHistory(db: Knex | Knex.Transaction, days: WorkingDayNumbers): Promise<HistoricVisit[]> {
  // One query after the other: the refresh reads in its transaction, on one connection.
  const relevant = await db.raw('select distinct application_id as id from audit_events where occurred_at >= ?', [new Date(`${days.first}T00:00:00Z`)]);
  const bindings = { ids: (relevant.rows as { id: string }[]).map((row) => row.id), pattern: movingStepPattern };
  const cases = await db.raw(`select ${caseColumns} from applications a left join deadlines dl on dl.application_id = a.id where a.id = any(:ids)`, bindings);
  const steps = await db.raw('select e.application_id, e.step, e.occurred_at from audit_events e where e.application_id = any(:ids) and e.step ~ :pattern order by e.application_id, e.occurred_at, e.id', bindings);
  const orders = await db.raw("select o.application_id, o.custodian_id, o.sent_at, o.delivered_at from custodian_orders o where o.application_id = any(:ids) and o.kind = :kind", { ...bindings, kind: orderKind.dataOrder });
  const access = await db.raw('select u.application_id, u.delivered_at, u.given_at from user_access u where u.application_id = any(:ids)', bindings);
  const stepsOf = groupBy(steps.rows as { application_id: string; step: string; occurred_at: Date }[], (row) => row.application_id);
  const ordersOf = groupBy(orders.rows as OrderRow[], (row) => row.application_id);
  const accessOf = new Map((access.rows as UserAccessRow[]).map((row) => [row.application_id, row]));
  const visits: HistoricVisit[] = [];
  for (const row of cases.rows as CaseRow[]) {
    const kind = kindOf(row);
    const receivedOn = osloDay(row.received_at);
    const dueOn = row.due_at ? osloDay(row.due_at) : null;
    let deliveryStart = row.updated_at;
    for (const visit of stageVisits((stepsOf.get(row.id) ?? []).map((s) => ({ step: s.step, at: s.occurred_at })))) {
      // Delivery is learned per custodian, from the orders, not from the case as a whole.
      if (visit.stage === 'delivery') {
        deliveryStart = visit.enteredAt;
        continue;
      }
      const enteredOn = osloDay(visit.enteredAt);
      visits.push({ stage: visit.stage, kind, enteredOn, leftOn: visit.leftAt ? osloDay(visit.leftAt) : null, next: visit.next, queuedBy: queueOrder(visit.stage, receivedOn, dueOn, enteredOn) });
    }
    for (const order of ordersOf.get(row.id) ?? []) {
      const sentOn = osloDay(order.sent_at ?? deliveryStart);
      visits.push({ stage: 'delivery', custodian: order.custodian_id, kind, enteredOn: sentOn, leftOn: order.delivered_at ? osloDay(order.delivered_at) : null, next: null, queuedBy: sentOn });
    }
    const userAccess = accessOf.get(row.id);
    if (userAccess) {
      const deliveredOn = osloDay(userAccess.delivered_at);
      visits.push({ stage: 'delivery', custodian: userAccessQueue, kind, enteredOn: deliveredOn, leftOn: userAccess.given_at ? osloDay(userAccess.given_at) : null, next: null, queuedBy: deliveredOn });
    }
  }
  return visits;
}


// Every open case: its stage and since when (the status and when it was set), its statutory
// deadline, the applicant's last day while a supplement is awaited, and who delivers.
export async function readOpenCases(db: Knex | Knex.Transaction, now: Date): Promise<OpenCaseRecord[]> {
  const today = osloDay(now);
  const bindings = { open: forecastStatuses };
  const open = 'open as (select id from applications where status = any(:open))';
  const cases = await db.raw(`with ${open} select ${caseColumns} from open o join applications a on a.id = o.id left join deadlines dl on dl.application_id = a.id`, bindings);
  // The open supplement request of each case waiting for one.
  const supplements = await db.raw(
    `select distinct on (r.application_id) r.application_id, r.due_at, r.reminder_due_at
       from applications a join supplement_requests r on r.application_id = a.id
      where a.status = :waiting and r.answered_at is null
      order by r.application_id, r.id desc`,
    { waiting: caseStatus.awaitingSupplement },
  );
  const orders = await db.raw(`with ${open} select o2.application_id, o2.custodian_id, o2.sent_at, o2.delivered_at from open o join custodian_orders o2 on o2.application_id = o.id where o2.kind = :kind and o2.delivered_at is null`, { ...bindings, kind: orderKind.dataOrder });
  // The cases whose holders have all delivered and whose user waits for access (EHDS).
  const waitingAccess = await db.raw(`with ${open} select u.application_id, u.delivered_at from open o join user_access u on u.application_id = o.id where u.given_at is null`, bindings);
  const holdersDeliveredOf = new Map((waitingAccess.rows as UserAccessRow[]).map((row) => [row.application_id, osloDay(row.delivered_at)]));
  type Supplement = { application_id: string; due_at: Date; reminder_due_at: Date | null };
  const supplementOf = new Map((supplements.rows as Supplement[]).map((row) => [row.application_id, row]));
  const pendingOf = groupBy(orders.rows as OrderRow[], (row) => row.application_id);
  return (cases.rows as CaseRow[]).map((row) => {
    const supplement = supplementOf.get(row.id);
    const stage = forecastStageOfStatus(row.status)!;
    const enteredAt = row.updated_at;
    const orders =
      stage === 'delivery'
        ? (pendingOf.get(row.id) ?? []).map((o) => ({ custodian: o.custodian_id, sentOn: osloDay(o.sent_at ?? enteredAt) }))
        : [...registersByCustodian(row.register_ids, today).keys()].map((custodian) => ({ custodian, sentOn: null }));
    return {
      id: row.id,
      processInstanceId: row.process_instance_id,
      registerIds: row.register_ids,
      forecastCase: {
        kind: kindOf(row),
        rulebook: row.rulebook,
        stage,
        enteredOn: osloDay(enteredAt),
        receivedOn: osloDay(row.received_at),
        statutoryDueOn: row.due_at ? osloDay(row.due_at) : null,
        applicantLastDay: stage === 'awaiting-applicant' && supplement ? applicantLastDay(row.rulebook, supplement.due_at, supplement.reminder_due_at) : null,
        orders,
        holdersDeliveredOn: stage === 'delivery' ? (holdersDeliveredOf.get(row.id) ?? null) : null,
      },
    };
  });
}

// The rulebook a new application gets today: the one the decision table (bpmn/rulebook.dmn)
// chose for the latest application received, Norwegian before any.
export async function newApplicationRulebook(db: Knex | Knex.Transaction): Promise<RulebookId> {
  const latest = await db('applications').orderBy([{ column: 'received_at', order: 'desc' }, { column: 'id', order: 'desc' }]).first('rulebook');
  return latest?.rulebook ?? 'norwegian';
}
