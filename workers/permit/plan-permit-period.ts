// Plans the permit's period from its current version: when the holder is reminded and when the
// period ends (the model's timers), by the permit's rulebook (EHDS: the reminder comes before the
// last day to ask for an extension), and the facts the caseworkers' and approvers' forms show.
// Planned again after every amendment and after a refused revocation.
import { permitFacts, permitSchedule, type PermitFacts } from '../../domain/permit/permit.ts';
import { norwegianDate } from '../../domain/working-days.ts';
import { endsOn, rulebookOf, termsOf } from '../../store/permit/permits.ts';
import { defineWorker } from '../declaration.ts';
import { loadPermit, permitInput, type PermitInput } from './permit-file.ts';

type Output = PermitFacts & { reminderAt: string; endsAt: string; permitEndsText: string };

export default defineWorker<PermitInput, Output>({
  topic: 'plan-permit-period',
  input: permitInput(),
  async handler({ permitId }, { db }) {
    const permit = await loadPermit(db, permitId);
    const { reminderAt, endsAt } = permitSchedule(endsOn(permit), await rulebookOf(db, permit));
    return {
      reminderAt: reminderAt.toISOString(),
      endsAt: endsAt.toISOString(),
      permitEndsText: norwegianDate(endsOn(permit)),
      ...permitFacts({ reference: permit.reference, terms: termsOf(permit) }),
    };
  },
});
