// Reminds the holder that the permit's period ends soon, once per end date; under EHDS the
// letter also says by which day an extension must be asked for (Art. 68(12)). The audit step
// and the letter are written together, so whoever sees the one finds the other.
import { permitSchedule } from '../../domain/permit/permit.ts';
import { durationText, ruleOf } from '../../domain/rulebook/rulebooks.ts';
import { sendPermitLetter } from '../../store/permit/letters.ts';
import { endsOn, rulebookOf } from '../../store/permit/permits.ts';
import { defineWorker } from '../declaration.ts';
import { loadPermit, permitInput, type PermitInput } from './permit-file.ts';

export default defineWorker<PermitInput, Record<string, never>>({
  topic: 'send-permit-expiry-reminder',
  input: permitInput(),
  async handler({ permitId }, { db, now }) {
    const permit = await loadPermit(db, permitId);
    const end = endsOn(permit);
    const { extensionRequestBy } = permitSchedule(end, await rulebookOf(db, permit));
    // Only EHDS permits have a last day to ask; a Norwegian permit's letter gets empty texts.
    const request = ruleOf('ehds', 'permit-extension-request');
    const extension = extensionRequestBy
      ? { extensionRequestBy, extensionRequestPeriod: durationText(request), extensionRule: request.article }
      : { extensionRequestBy: '', extensionRequestPeriod: '', extensionRule: '' };
    const content = { endsOn: end, ...extension };
    await db.transaction((tx) => sendPermitLetter(tx, permit, { kind: 'expiry-reminder', key: end, content }, now()));
    return {};
  },
});
