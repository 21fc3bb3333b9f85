// Reminds the holder that the permit's period ends soon, once per end date. The audit step and
// the letter are written together, so whoever sees the one finds the other.
import { sendPermitLetter } from '../../store/permit/letters.ts';
import { endsOn } from '../../store/permit/permits.ts';
import { defineWorker } from '../declaration.ts';
import { loadPermit, permitInput, type PermitInput } from './permit-file.ts';

export default defineWorker<PermitInput, Record<string, never>>({
  topic: 'send-permit-expiry-reminder',
  input: permitInput(),
  async handler({ permitId }, { db, now }) {
    const permit = await loadPermit(db, permitId);
    const end = endsOn(permit);
    await db.transaction((tx) => sendPermitLetter(tx, permit, { kind: 'expiry-reminder', key: end, content: { endsOn: end } }, now()));
    return {};
  },
});
