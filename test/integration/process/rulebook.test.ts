// The rulebook a case follows, chosen by the decision table rulebook from the day the
// application was received and the EHDS pilot's first day (HDS_EHDS_PILOT_FROM), on the real
// engine and database: the choice is recorded in the case file, and the statutory clock's
// timers are due when that rulebook says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayFor } from '../../../domain/rulebook/rulebooks.ts';
import { addCalendarDays, endOfOsloDay, osloDay } from '../../../domain/working-days.ts';
import { recordPath } from '../coverage.ts';
import { letterOf } from '../letters.ts';
import { decisionInstances, findTimer, fireTimer, matchedRules } from '../engine.ts';
import { eventually, startCase, startHarness, type Harness } from '../harness.ts';
import { caseRow, caseView, passCompleteness, processVariable, research } from './case-steps.ts';

const process = 'hds-application';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

// Runs with the pilot setting as the service would read it: the worker that registers a case
// reads it, so it must hold until the case's rulebook is recorded.
async function underPilot<T>(pilotFrom: string, run: () => Promise<T>): Promise<T> {
  globalThis.process.env.HDS_EHDS_PILOT_FROM = pilotFrom;
  try {
    return await run();
  } finally {
    delete globalThis.process.env.HDS_EHDS_PILOT_FROM;
  }
}

// A case started under the pilot setting, taken to the statutory clock.
const caseUnderPilot = (pilotFrom: string) =>
  underPilot(pilotFrom, async () => {
    const started = await startCase(h, research);
    await passCompleteness(started.processInstanceId);
    return started;
  });

const rulebookOf = async (id: string) => (await h.db('applications').where({ id }).first()).rulebook;
const deadlineOf = (id: string) => eventually(() => caseRow(h, 'deadlines', id), { what: `the statutory deadline of ${id}` });

async function timerDue(processInstanceId: string, activityId: string) {
  return new Date((await findTimer(processInstanceId, activityId)).dueDate!).toISOString();
}

async function rulebookRule(processInstanceId: string) {
  const [evaluation] = await decisionInstances(`processInstanceId=${processInstanceId}&decisionDefinitionKey=rulebook`);
  return matchedRules(evaluation!);
}

describe('the rulebook of a case', { timeout: 180_000 }, () => {
  it('follows the Norwegian rules when received before the pilot, and EHDS when received on its first day', async () => {
    const today = osloDay(new Date());

    const before = await caseUnderPilot(addCalendarDays(today, 1));
    const beforeDeadline = await deadlineOf(before.id);
    expect(await rulebookOf(before.id)).toBe('norwegian');
    expect(await rulebookRule(before.processInstanceId)).toEqual(['rule-norwegian']);
    // Linked sources: 60 working days from the complete application (helseregisterloven § 19 f).
    expect(beforeDeadline).toMatchObject({ rule: 'decision-linked', period: 60, period_unit: 'working-days', working_days: 60 });
    const norwegianDue = endOfOsloDay(dayFor('norwegian', 'decision-linked', today)).toISOString();
    expect(new Date(beforeDeadline.due_at).toISOString()).toBe(norwegianDue);
    expect(await timerDue(before.processInstanceId, 'statutory-deadline-passed')).toBe(norwegianDue);
    expect(await timerDue(before.processInstanceId, 'statutory-deadline-near')).toBe(endOfOsloDay(dayFor('norwegian', 'decision-warning', osloDay(new Date(norwegianDue)))).toISOString());

    const after = await caseUnderPilot(today);
    const afterDeadline = await deadlineOf(after.id);
    expect(await rulebookOf(after.id)).toBe('ehds');
    expect(await rulebookRule(after.processInstanceId)).toEqual(['rule-ehds-pilot']);
    // 3 months from the complete application (Regulation (EU) 2025/327 Art. 68(4)), linked or not.
    expect(afterDeadline).toMatchObject({ rule: 'decision', period: 3, period_unit: 'months', working_days: null });
    const ehdsDue = endOfOsloDay(dayFor('ehds', 'decision', today)).toISOString();
    expect(ehdsDue).not.toBe(norwegianDue);
    expect(new Date(afterDeadline.due_at).toISOString()).toBe(ehdsDue);
    expect(await timerDue(after.processInstanceId, 'statutory-deadline-passed')).toBe(ehdsDue);
    expect(await timerDue(after.processInstanceId, 'statutory-deadline-near')).toBe(endOfOsloDay(dayFor('ehds', 'decision-warning', osloDay(new Date(ehdsDue)))).toISOString());

    // The API and the forms show the rulebook and the deadline's basis.
    expect(await caseView(h, after.id)).toMatchObject({
      rulebook: { id: 'ehds', name: 'EHDS (forordning (EU) 2025/327)' },
      deadlines: { statutory: { rule: 'decision', period: 3, unit: 'months', workingDays: null, basis: '3 måneder fra komplett søknad (forordning (EU) 2025/327 art. 68 nr. 4)', dueAt: ehdsDue } },
    });
    expect(await caseView(h, before.id)).toMatchObject({
      rulebook: { id: 'norwegian', name: 'Norske regler (helseregisterloven)' },
      deadlines: { statutory: { rule: 'decision-linked', workingDays: 60, basis: '60 virkedager fra komplett søknad (helseregisterloven § 19 f)' } },
    });
    expect(await processVariable(after.processInstanceId, 'rulebookText')).toBe('EHDS (forordning (EU) 2025/327)');
    expect(await processVariable(after.processInstanceId, 'statutoryPeriodText')).toMatch(/^EHDS \(forordning \(EU\) 2025\/327\): 3 måneder, /);
    expect(await processVariable(before.processInstanceId, 'statutoryPeriodText')).toMatch(/^Norske regler \(helseregisterloven\): 60 virkedager, fordi kildene skal kobles/);
    // Each applicant is told the period of the case's rulebook.
    expect((await letterOf(h, after.id, 'acknowledgement')).text).toContain('skal vi fatte vedtak innen 3 måneder (forordning (EU) 2025/327 art. 68 nr. 4).');
    expect((await letterOf(h, before.id, 'acknowledgement')).text).toContain('skal vi fatte vedtak innen 60 virkedager (helseregisterloven § 19 f), fordi datakilder skal kobles.');
    // The choice stays in the case file: the clock-started step names it.
    const clockStarted = await h.db('audit_events').where({ application_id: after.id, step: 'statutory-clock-started' }).first();
    expect(clockStarted.detail).toMatchObject({ rulebook: 'ehds', rule: 'decision', period: 3, unit: 'months' });

    await recordPath(process, before.processInstanceId, 'start-statutory-clock');
    await recordPath(process, after.processInstanceId, 'start-statutory-clock');
  });

  it("tells an EHDS applicant waiting for the completeness check the EHDS period in the preliminary answer", async () => {
    const started = await underPilot(osloDay(new Date()), async () => {
      const waiting = await startCase(h, research);
      await eventually(async () => (await rulebookOf(waiting.id)) === 'ehds', { what: 'the rulebook to be recorded' });
      return waiting;
    });
    await fireTimer(await findTimer(started.processInstanceId, 'one-month-passed'));
    const answer = await letterOf(h, started.id, 'preliminary-answer');
    expect(answer.text).toContain('Når søknaden er komplett, fatter vi vedtak innen 3 måneder (forordning (EU) 2025/327 art. 68 nr. 4).');
    await recordPath(process, started.processInstanceId, 'send-preliminary-answer');
  });
});
