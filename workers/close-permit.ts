// Closes an expired permit once its data are confirmed deleted or returned.
import { recordStep } from '../service/audit.ts';
import { defineWorker } from './declaration.ts';
import { loadPermit, permitInput, type PermitInput } from './permit-file.ts';
import { auditStep } from '../domain/audit-steps.ts';

export default defineWorker<PermitInput, Record<string, never>>({
  taskType: 'close-permit',
  input: permitInput(),
  async handler({ permitId }, { db, now }) {
    await db.transaction(async (tx) => {
      const permit = await loadPermit(tx, permitId, { forUpdate: true });
      const confirmation = await tx('permit_deletion_confirmations').where({ permit_id: permitId }).orderBy('id', 'desc').first();
      if (permit.state === 'expired') await tx('permits').where({ id: permitId }).update({ state: 'closed', closed_at: now(), updated_at: now() });
      await recordStep(tx, {
        applicationId: permit.application_id,
        step: auditStep.permitClosed,
        actor: 'system',
        detail: { permitId, confirmedAs: confirmation?.confirmed_as ?? null, outcome: confirmation?.outcome ?? null },
      });
    });
    return {};
  },
});
