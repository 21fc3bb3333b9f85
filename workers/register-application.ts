// Marks a received application as registered and ties it to its process instance.
import { defineWorker, InvalidJobInput } from './declaration.ts';
import { recordStep } from '../service/audit.ts';

type Input = { applicationId: string };

export default defineWorker<Input, { applicationReference: string }>({
  taskType: 'register-application',
  input: {
    type: 'object',
    properties: { applicationId: { type: 'string', format: 'uuid' } },
    required: ['applicationId'],
  },
  async handler({ applicationId }, { db, job, now }) {
    return db.transaction(async (tx) => {
      const application = await tx('applications').where({ id: applicationId }).first('reference', 'status');
      if (!application) throw new InvalidJobInput(`No application ${applicationId} in the case file`);
      await tx('applications')
        .where({ id: applicationId, status: 'received' })
        .update({ status: 'registered', process_instance_key: job.processInstanceKey, updated_at: now() });
      await recordStep(tx, {
        applicationId,
        step: 'registered',
        actor: 'system',
        detail: { processInstanceKey: job.processInstanceKey },
      });
      return { applicationReference: application.reference as string };
    });
  },
});
