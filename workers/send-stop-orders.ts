// Revokes the permit: each custodian of its registers gets an order to stop deliveries and
// close the holder's access to the data.
import { recordStep } from '../service/audit.ts';
import { custodiansOf } from '../service/permits.ts';
import { defineWorker } from './declaration.ts';
import { loadPermit, permitInput, type PermitInput } from './permit-file.ts';

export default defineWorker<PermitInput & { revocationId: string }, Record<string, never>>({
  taskType: 'send-stop-orders',
  input: permitInput({ revocationId: { type: 'string', format: 'uuid' } }, ['revocationId']),
  async handler({ permitId, revocationId }, { db, now }) {
    await db.transaction(async (tx) => {
      const permit = await loadPermit(tx, permitId, { forUpdate: true });
      const custodians = await custodiansOf(tx, permitId);
      for (const [custodianId, registerIds] of custodians) {
        await tx('permit_stop_orders')
          .insert({ revocation_id: revocationId, permit_id: permitId, custodian_id: custodianId, register_ids: registerIds, sent_at: now() })
          .onConflict(['revocation_id', 'custodian_id'])
          .ignore();
      }
      if (permit.state !== 'revoked') {
        await tx('permit_revocations').where({ id: revocationId }).update({ permit_state_before: permit.state });
        await tx('permits').where({ id: permitId }).update({ state: 'revoked', revoked_at: now(), updated_at: now() });
      }
      await recordStep(tx, { applicationId: permit.application_id, step: `permit-stop-orders-sent:${revocationId}`, actor: 'system', detail: { permitId, custodians: [...custodians.keys()] } });
    });
    return {};
  },
});
