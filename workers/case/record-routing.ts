// Records who decides the case, as the jurisdiction table found.
import { recordStep } from '../../platform/audit.ts';
import { defineWorker } from '../declaration.ts';
import { auditStep } from '../../domain/audit-steps.ts';

type Input = { applicationId: string; decidingBody: string; routingRule: string };

export default defineWorker<Input, Record<string, never>>({
  topic: 'record-routing',
  input: {
    type: 'object',
    properties: {
      applicationId: { type: 'string', format: 'uuid' },
      // A table with no matching row yields null: that must stop the case, not guess.
      decidingBody: { type: 'string', enum: ['HDS', 'CUSTODIAN', 'REK', 'HELSEDIREKTORATET'] },
      routingRule: { type: 'string' },
    },
    required: ['applicationId', 'decidingBody', 'routingRule'],
  },
  async handler({ applicationId, decidingBody, routingRule }, { db, task, now }) {
    await db.transaction(async (tx) => {
      await tx('applications').where({ id: applicationId }).update({ deciding_body: decidingBody, routing_rule: routingRule, updated_at: now() });
      await recordStep(tx, { applicationId, step: auditStep.routed, qualifier: task.id, actor: 'system', detail: { decidingBody, routingRule } });
    });
    return {};
  },
});
