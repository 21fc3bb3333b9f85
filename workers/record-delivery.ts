// Records a custodian's confirmation that it delivered the data.
import { recordStep } from '../service/audit.ts';
import { defineWorker } from './declaration.ts';
import { auditStep } from '../domain/audit-steps.ts';

type Input = { applicationId: string; custodianId: string; analysisEnvironment?: string };

export default defineWorker<Input, Record<string, never>>({
  taskType: 'record-delivery',
  input: {
    type: 'object',
    properties: {
      applicationId: { type: 'string', format: 'uuid' },
      custodianId: { type: 'string' },
      analysisEnvironment: { type: 'string' },
    },
    required: ['applicationId', 'custodianId'],
  },
  async handler({ applicationId, custodianId, analysisEnvironment }, { db, now }) {
    await db.transaction(async (tx) => {
      await tx('custodian_orders')
        .where({ application_id: applicationId, custodian_id: custodianId })
        .whereNull('delivered_at')
        .update({ delivered_at: now(), analysis_environment: analysisEnvironment ?? null });
      await recordStep(tx, { applicationId, step: auditStep.delivered, qualifier: custodianId, actor: custodianId, detail: { analysisEnvironment } });
    });
    return {};
  },
});
