// Ends the permit's period: the permit is expired, and the holder is asked to confirm that the
// data were deleted or returned, within a deadline after which a caseworker follows up: by the
// permit's rulebook, working days after the end (Norwegian rules) or months after its last day
// (EHDS, Art. 68(12)).
import { deletionConfirmationDue, deletionRuleText } from '../../domain/permit/permit.ts';
import { permitEvent, permitMachine } from '../../domain/permit/states.ts';
import { norwegianDate, osloDay } from '../../domain/working-days.ts';
import { sendPermitLetter } from '../../store/permit/letters.ts';
import { endsOn, rulebookOf } from '../../store/permit/permits.ts';
import { defineWorker } from '../declaration.ts';
import { loadPermit, permitInput, type PermitInput } from './permit-file.ts';
import { applyPermitEvent } from '../../store/permit/events.ts';

export default defineWorker<PermitInput, { deletionConfirmationDueAt: string; deletionConfirmationDueText: string }>({
  topic: 'expire-permit',
  input: permitInput(),
  async handler({ permitId }, { db, now }) {
    const dueAt = await db.transaction(async (tx) => {
      const permit = await loadPermit(tx, permitId, { forUpdate: true });
      const end = endsOn(permit);
      const rulebook = await rulebookOf(tx, permit);
      const due = deletionConfirmationDue(rulebook, end, now());
      if (permitMachine.accepts(permit.state, permitEvent.permitExpired)) {
        await applyPermitEvent(tx, { permitId, event: permitEvent.permitExpired, qualifier: permit.version, actor: 'system', detail: { endsOn: end }, now: now() });
      }
      await sendPermitLetter(tx, permit, { kind: 'deletion-request', key: end, content: { endsOn: end, confirmBy: osloDay(due), ...deletionRuleText(rulebook) } }, now());
      return due;
    });
    const dueOn = osloDay(dueAt);
    return { deletionConfirmationDueAt: dueAt.toISOString(), deletionConfirmationDueText: norwegianDate(dueOn) };
  },
});
