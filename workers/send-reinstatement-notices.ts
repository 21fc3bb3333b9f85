// A revocation reversed on appeal: each custodian of the permit's registers is told that the
// permit applies again and that the holder's access may be opened again, in a letter.
import { custodianEmail, custodianName, findRegister } from '../domain/registers.ts';
import { recordStep } from '../service/audit.ts';
import { sendCaseLetter } from '../service/letters/case-letter.ts';
import { custodiansOf, endsOn } from '../service/permits.ts';
import { defineWorker } from './declaration.ts';
import { loadPermit, permitInput, type PermitInput } from './permit-file.ts';

export default defineWorker<PermitInput & { revocationId: string }, Record<string, never>>({
  taskType: 'send-reinstatement-notices',
  input: permitInput({ revocationId: { type: 'string', format: 'uuid' } }, ['revocationId']),
  async handler({ applicationId, permitId, revocationId }, { db, now }) {
    await db.transaction(async (tx) => {
      const permit = await loadPermit(tx, permitId);
      const custodians = await custodiansOf(tx, permitId);
      for (const [custodianId, registerIds] of custodians) {
        const name = custodianName(custodianId) ?? custodianId;
        await sendCaseLetter(tx, {
          applicationId,
          step: `permit-reinstatement-notice:${revocationId}:${custodianId}`,
          kind: 'custodian-reinstatement',
          facts: {
            permitReference: permit.reference,
            permitEndsOn: endsOn(permit),
            registers: registerIds.map((id) => ({ id, name: findRegister(id)?.name ?? id })),
          },
          recipient: { kind: 'custodian', name, email: custodianEmail(custodianId) ?? null, custodianId },
          now: now(),
        });
      }
      await recordStep(tx, { applicationId, step: `permit-reinstatement-notices-sent:${revocationId}`, actor: 'system', detail: { permitId, custodians: [...custodians.keys()] } });
    });
    return {};
  },
});
