// Closes an expired permit once its data are confirmed deleted or returned.
import { defineWorker } from '../declaration.ts';
import { loadPermit, permitInput, type PermitInput } from './permit-file.ts';
import { permitEvent, permitMachine } from '../../domain/permit/states.ts';
import { applyPermitEvent } from '../../store/permit/events.ts';

export default defineWorker<PermitInput, Record<string, never>>({
  topic: 'close-permit',
  input: permitInput(),
  async handler({ permitId }, { db, now }) {
    await db.transaction(async (tx) => {
      const permit = await loadPermit(tx, permitId, { forUpdate: true });
      const confirmation = await tx('permit_deletion_confirmations').where({ permit_id: permitId }).orderBy('id', 'desc').first();
      const detail = { confirmedAs: confirmation?.confirmed_as ?? null, outcome: confirmation?.outcome ?? null };
      if (permitMachine.accepts(permit.state, permitEvent.permitClosed)) {
        await applyPermitEvent(tx, { permitId, event: permitEvent.permitClosed, actor: 'system', detail, now: now() });
      }
    });
    return {};
  },
});
