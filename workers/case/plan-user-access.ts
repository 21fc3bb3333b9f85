// Once every custodian of an EHDS case has delivered, plans the user's access to the data in the
// secure processing environment: due 2 months after the last delivery (Regulation (EU)
// 2025/327 Art. 68(7), rule user-access), recorded in the case file (user_access). Gives the
// caseworker's task its due date and the timer that escalates when it passes.
import { norwegianDate, osloDay } from '../../domain/working-days.ts';
import { planUserAccess } from '../../store/case/user-access.ts';
import { requireEhdsCase } from './case-file.ts';
import { caseInput, defineWorker, InvalidJobInput } from '../declaration.ts';

type Output = { userAccessDueAt: string; userAccessDueText: string; lastDeliveryText: string };

export default defineWorker<{ applicationId: string }, Output>({
  topic: 'plan-user-access',
  input: caseInput(),
  async handler({ applicationId }, { db, now }) {
    await requireEhdsCase(db, applicationId);
    const planned = await db.transaction((tx) => planUserAccess(tx, applicationId, now()));
    if (!planned) throw new InvalidJobInput(`Case ${applicationId} has an order not yet delivered: the user's access waits for every delivery`);
    const dueAt = new Date(planned.due_at);
    return { userAccessDueAt: dueAt.toISOString(), userAccessDueText: norwegianDate(osloDay(dueAt)), lastDeliveryText: norwegianDate(osloDay(new Date(planned.delivered_at))) };
  },
});
