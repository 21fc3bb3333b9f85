// What the activity report reads from the case file: every case received by a day's end, with
// its registers, decision, statutory deadline, last delivery and the steps that moved it.
import type { Knex } from 'knex';
import type { CaseActivity } from '../../domain/statistics/activity.ts';
import { movingStepPattern } from '../../domain/forecast/stage-visits.ts';
import { orderKind } from '../../domain/order/states.ts';
import type { IsoDate } from '../../domain/working-days.ts';

type CaseRow = {
  id: string;
  application_type: string;
  received_at: Date;
  register_ids: string[];
  outcome: string | null;
  decided_at: Date | null;
  due_at: Date | null;
  delivered_at: Date | null;
};
type StepRow = { application_id: string; step: string; occurred_at: Date };

// The end of the day `to` in Norway, as SQL compares it.
const beforeEndOf = (column: string) => `${column} < cast(cast(:to as date) + 1 as timestamp) at time zone 'Europe/Oslo'`;

export async function readCaseActivity(db: Knex, to: IsoDate): Promise<CaseActivity[]> {
  const cases = await db.raw(
    `select a.id, a.application_type, a.received_at, d.outcome, d.decided_at, dl.due_at,
       array(select s.register_id from application_sources s where s.application_id = a.id order by s.register_id) as register_ids,
       (select case when count(*) > 0 and count(*) = count(o.delivered_at) then max(o.delivered_at) end
          from custodian_orders o where o.application_id = a.id and o.kind = :dataOrder) as delivered_at
     from applications a
     left join decisions d on d.application_id = a.id
     left join deadlines dl on dl.application_id = a.id
     where ${beforeEndOf('a.received_at')}`,
    { to, dataOrder: orderKind.dataOrder },
  );
  const steps = await db.raw(
    `select e.application_id, e.step, e.occurred_at from audit_events e join applications a on a.id = e.application_id
      where ${beforeEndOf('a.received_at')} and ${beforeEndOf('e.occurred_at')} and e.step ~ :pattern
      order by e.application_id, e.occurred_at, e.id`,
    { to, pattern: movingStepPattern },
  );
  const stepsOf = new Map<string, { step: string; at: Date }[]>();
  for (const row of steps.rows as StepRow[]) {
    const list = stepsOf.get(row.application_id) ?? [];
    list.push({ step: row.step, at: row.occurred_at });
    stepsOf.set(row.application_id, list);
  }
  return (cases.rows as CaseRow[]).map((row) => ({
    applicationType: row.application_type,
    registerIds: row.register_ids,
    receivedAt: row.received_at,
    decision: row.outcome && row.decided_at ? { outcome: row.outcome, decidedAt: row.decided_at } : null,
    statutoryDueAt: row.due_at,
    deliveredAt: row.delivered_at,
    steps: stepsOf.get(row.id) ?? [],
  }));
}
