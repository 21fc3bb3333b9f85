// Cases written straight into the case file for the forecast's tests: a queue's history made by
// hand (so its pace is known), and the cases waiting in it now.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { WorkingDayNumbers } from '../../domain/working-day-numbers.ts';
import { endOfOsloDay } from '../../domain/working-days.ts';
import { validSubmission } from '../fixtures/submission.ts';

// An audit step on a working day counted from today (0); steps of a day keep their order.
export type Step = [step: string, day: number];

const morningOf = (days: WorkingDayNumbers, day: number) => new Date(`${days.dayOf(day)}T08:00:00Z`);
const unique = (step: string) => `${step}:${randomUUID()}`;

// Every case written here, so that a test file can remove its history when it is done: the
// files share one database, and a queue's past is what the forecast learns from.
const written: string[] = [];

export async function removeWrittenCases(db: Knex) {
  const ids = written.splice(0);
  for (const table of ['case_forecasts', 'audit_events', 'application_sources', 'deadlines', 'decisions']) await db(table).whereIn('application_id', ids).delete();
  await db('applications').whereIn('id', ids).delete();
}

// A new application from validSubmission in `status`, with its steps and, when dueDay is given,
// its statutory deadline at the end of that working day.
async function caseInFile(db: Knex, days: WorkingDayNumbers, status: string, steps: Step[], dueDay: number | null) {
  const id = randomUUID();
  written.push(id);
  await db('applications').insert({
    id,
    reference: `HDS-F-${id.slice(0, 8)}`,
    status,
    submission: validSubmission,
    received_at: morningOf(days, steps[0]![1]),
    updated_at: morningOf(days, steps.at(-1)![1]),
    application_type: 'new',
  });
  await db('application_sources').insert(validSubmission.dataSources.map((s) => ({ application_id: id, register_id: s.registerId })));
  await db('audit_events').insert(steps.map(([step, day], i) => ({ application_id: id, step, actor: 'test', occurred_at: new Date(morningOf(days, day).getTime() + i * 1000) })));
  if (dueDay !== null) {
    const due = endOfOsloDay(days.dayOf(dueDay));
    await db('deadlines').insert({ application_id: id, working_days: 60, starts_on: days.dayOf(steps[0]![1]), warn_at: due, due_at: due });
  }
  return id;
}

export const inAssessment = (db: Knex, days: WorkingDayNumbers, startedDay: number, dueDay: number) =>
  caseInFile(db, days, 'in-assessment', [['received', startedDay - 1], ['statutory-clock-started', startedDay]], dueDay);

export const waitingForApprover = (db: Knex, days: WorkingDayNumbers, assessedDay: number, dueDay: number) =>
  caseInFile(db, days, 'awaiting-decision', [['received', assessedDay - 5], ['statutory-clock-started', assessedDay - 4], [unique('assessed'), assessedDay]], dueDay);

// The last eight weeks of a queue finishing `perDay` cases each working day, in deadline order,
// each the day after it came, with one case waiting behind them all the while (so the queue
// always had more cases than it finished): the caseworkers' assessment or the approvers'
// decision. Each case is then decided and closed.
export async function finishingEachDay(db: Knex, days: WorkingDayNumbers, queue: 'assessment' | 'decision', perDay: number) {
  for (let day = -40; day < 0; day++) {
    for (let k = 0; k < perDay; k++) {
      const steps: Step[] =
        queue === 'assessment'
          ? [['received', day - 2], ['statutory-clock-started', day - 1], [unique('assessed'), day], ['decided', day], ['closed', day]]
          : [['received', day - 5], ['statutory-clock-started', day - 4], [unique('assessed'), day - 1], ['decided', day], ['closed', day]];
      await caseInFile(db, days, 'closed', steps, day);
    }
  }
  if (queue === 'assessment') await inAssessment(db, days, -50, 400);
  else await waitingForApprover(db, days, -50, 400);
}

// The cases of `ids` decided and closed now.
export async function decideAndClose(db: Knex, ids: readonly string[]) {
  for (const id of ids) {
    await db('applications').where({ id }).update({ status: 'closed', updated_at: new Date() });
    await db('audit_events').insert([
      { application_id: id, step: 'decided', actor: 'test' },
      { application_id: id, step: 'closed', actor: 'test' },
    ]);
  }
}
