// Records the one extension of an EHDS decision deadline that a caseworker asks for in the
// legal assessment (Regulation (EU) 2025/327 art. 68 nr. 4; art. 68 nr. 6 for a public body
// with a public-health mandate): only under EHDS, once per case, before the deadline has
// passed, with reasons, by whole months within the rule, all read from the case file. A refusal
// goes back to the assessment form with the reason. Recorded: the extension in
// deadline_extensions, the new due date on the deadline row and a letter to the applicant with
// the new date and the reasons. Then the clocks move: the case-handling subprocess's boundary
// timers get the new dates (a warning that has already fired comes again before the new
// deadline: its timer's next cycle is moved), and the variables the user tasks' due dates and
// the forms read follow.
import { auditStep } from '../../domain/audit-steps.ts';
import { caseEvent } from '../../domain/case/states.ts';
import { letterKind } from '../../domain/letter/kinds.ts';
import { durationText, isRulebookId, type RuleUnit } from '../../domain/rulebook/rulebooks.ts';
import { extendedClock, extensionProblem, extensionRule } from '../../domain/rulebook/statutory-clock.ts';
import { norwegianDate, osloDay } from '../../domain/working-days.ts';
import { recordStep } from '../../platform/audit.ts';
import type { TimerJobs } from '../../platform/timers.ts';
import { applyCaseEvent } from '../../store/case/events.ts';
import { sendCaseLetter } from '../../store/letter/case-letter.ts';
import { loadApplication } from './case-file.ts';
import { BusinessError, caseInput, defineWorker, InvalidJobInput, RetryableError } from '../declaration.ts';

type Input = { applicationId: string; extensionMonths?: number | string; extensionReasons?: string };
type Output = {
  statutoryDeadline: string;
  statutoryWarningAt: string;
  statutoryDeadlineText: string;
  extendDeadline: false;
  deadlineExtensionOffer: '';
  deadlineExtensionText: string;
  extensionProblem: null;
};

type Extension = { rule: string; period: number; period_unit: string; extended_by: string; extended_at: Date; previous_due_at: Date; due_at: Date; request_key: string };

// The boundary timers of the case-handling subprocess (bpmn/hds-application.bpmn) that wait for
// the deadline and the warning before it.
async function moveTimers(timers: TimerJobs, processInstanceId: string, dueAt: Date, warnAt: Date) {
  if (!(await timers.move(processInstanceId, 'statutory-deadline-passed', dueAt))) throw new InvalidJobInput('The case has no timer waiting for its statutory deadline');
  await timers.move(processInstanceId, 'statutory-deadline-near', warnAt);
}

// What the form and the user tasks' due dates read once the deadline is extended; the
// caseworker by the name in the engine's user profile.
function extendedOutput(extension: Extension, warnAt: Date, extendedByName: string): Output {
  const dueAt = new Date(extension.due_at);
  const period = durationText({ value: extension.period, unit: extension.period_unit as RuleUnit });
  return {
    statutoryDeadline: dueAt.toISOString(),
    statutoryWarningAt: new Date(warnAt).toISOString(),
    statutoryDeadlineText: norwegianDate(osloDay(dueAt)),
    extendDeadline: false,
    deadlineExtensionOffer: '',
    deadlineExtensionText:
      `Fristen ble forlenget ${norwegianDate(osloDay(new Date(extension.extended_at)))} av ${extendedByName} med ${period}, ` +
      `fra ${norwegianDate(osloDay(new Date(extension.previous_due_at)))} til ${norwegianDate(osloDay(dueAt))}. Søkeren har fått brev med den nye fristen og begrunnelsen. Fristen kan ikke forlenges igjen.`,
    extensionProblem: null,
  };
}

export default defineWorker<Input, Output>({
  topic: 'record-deadline-extension',
  input: caseInput({
    // A number, or a text from the form; anything but a whole number within the rule goes back to the form.
    extensionMonths: { anyOf: [{ type: 'number' }, { type: 'string' }] },
    extensionReasons: { type: 'string' },
  }),
  async handler({ applicationId, extensionMonths, extensionReasons }, { db, task, now, userTasks, timers }) {
    const extendedBy = await userTasks.completedBy(task.processInstanceId, 'legal-assessment');
    if (extendedBy === undefined) throw new RetryableError('The engine has no completed assessment task for this case yet');
    if (extendedBy === null) throw new InvalidJobInput('The assessment task was completed without an assignee; claim it in Tasklist first');
    const { rulebook } = await loadApplication(db, applicationId);
    if (!isRulebookId(rulebook)) throw new InvalidJobInput(`Application ${applicationId} has no rulebook recorded (record-rulebook sets it)`);
    const deadline = await db('deadlines').where({ application_id: applicationId }).first();
    if (!deadline) throw new InvalidJobInput(`Application ${applicationId} has no statutory deadline to extend`);
    const earlier: Extension | undefined = await db('deadline_extensions').where({ application_id: applicationId }).first();
    // A retried job finds the extension it recorded, and moves the timers again.
    if (earlier?.request_key === task.id) {
      await moveTimers(timers, task.processInstanceId, new Date(earlier.due_at), new Date(deadline.warn_at));
      return extendedOutput(earlier, deadline.warn_at, await userTasks.nameOf(earlier.extended_by));
    }

    const problem = extensionProblem(
      { months: extensionMonths, reasons: extensionReasons },
      { rulebook, deadlineRule: deadline.rule, dueAt: new Date(deadline.due_at), alreadyExtended: earlier !== undefined, now: now() },
    );
    if (problem) {
      await recordStep(db, { applicationId, step: auditStep.deadlineExtensionReturned, qualifier: task.id, actor: extendedBy, detail: { problem } });
      throw new BusinessError('extension-invalid', problem, { extensionProblem: problem });
    }

    // Checked above: an EHDS deadline's rule, whole months within it, and reasons.
    const rule = extensionRule(rulebook, deadline.rule)!;
    const months = Number(extensionMonths);
    const why = String(extensionReasons).trim();
    const previousDueAt = new Date(deadline.due_at);
    const clock = extendedClock(rulebook, previousDueAt, months);
    const extension: Extension = {
      request_key: task.id,
      rule: rule.id,
      period: months,
      period_unit: rule.unit,
      extended_by: extendedBy,
      extended_at: now(),
      previous_due_at: previousDueAt,
      due_at: clock.dueAt,
    };
    await db.transaction(async (tx) => {
      await tx('deadline_extensions').insert({ application_id: applicationId, ...extension, reasons: why });
      // The warning before the new deadline is still to come.
      await tx('deadlines').where({ application_id: applicationId }).update({ due_at: clock.dueAt, warn_at: clock.warnAt, warned_at: null });
      await applyCaseEvent(tx, {
        applicationId,
        event: caseEvent.statutoryDeadlineExtended,
        qualifier: task.id,
        now: now(),
        actor: extendedBy,
        detail: { rule: rule.id, period: months, unit: rule.unit, previousDueAt, dueAt: clock.dueAt },
      });
      await sendCaseLetter(tx, {
        applicationId,
        kind: letterKind.deadlineExtension,
        facts: {
          previousDueOn: osloDay(previousDueAt),
          newDueOn: osloDay(clock.dueAt),
          extensionPeriod: durationText({ value: months, unit: rule.unit }),
          extensionArticle: rule.article,
          extensionReasons: why,
        },
        now: now(),
      });
    });
    await moveTimers(timers, task.processInstanceId, clock.dueAt, clock.warnAt);
    return extendedOutput(extension, clock.warnAt, await userTasks.nameOf(extendedBy));
  },
});
