// Under EHDS, asks each custodian holding a source the application names (the register table
// as it stands today) for its cost estimate, due by the rulebook's cost-estimate row (15
// working days, HDS's own after Findata's practice), by a letter like the custodian orders'.
// The gateway before this task routes only EHDS cases here; the worker reads the rulebook from
// the case file and refuses any other case. Gives the due date for the escalation timer and the
// fee date for the fee table that prices HDS's own estimate.
import { ruleOf, deadlineFor } from '../../domain/rulebook/rulebooks.ts';
import { registersByCustodian, custodianName } from '../../domain/registers.ts';
import { norwegianDate, osloDay } from '../../domain/working-days.ts';
import { auditStep } from '../../domain/audit-steps.ts';
import { letterKind } from '../../domain/letter/kinds.ts';
import { recordStep } from '../../platform/audit.ts';
import { recordRequests } from '../../store/case/cost-estimates.ts';
import { custodianRecipient, letterSource, sendCaseLetter } from '../../store/letter/case-letter.ts';
import { loadApplication } from './case-file.ts';
import { caseInput, defineWorker, InvalidJobInput } from '../declaration.ts';

type Output = { costEstimatesDueAt: string; costEstimatesDueText: string; costEstimateCustodiansText: string; feeDate: string };

export default defineWorker<{ applicationId: string }, Output>({
  topic: 'request-cost-estimates',
  input: caseInput(),
  async handler({ applicationId }, { db, now }) {
    return db.transaction(async (tx) => {
      const application = await loadApplication(tx, applicationId);
      if (application.rulebook !== 'ehds') throw new InvalidJobInput(`Application ${applicationId} follows ${application.rulebook ?? 'no'} rulebook: only EHDS cases get a cost estimate`);
      const today = osloDay(now());
      const sources = application.submission.dataSources as { registerId: string; variables?: string[]; period?: { startDate?: string; endDate?: string } }[];
      const held = registersByCustodian(sources.map((s) => s.registerId), today);
      const requests = await recordRequests(tx, applicationId, [...held].map(([custodianId, registerIds]) => ({ custodianId, registerIds })), now(), deadlineFor('ehds', 'cost-estimate', now()));
      for (const request of requests) {
        const registerIds = new Set<string>(request.register_ids);
        const facts = {
          dueOn: osloDay(new Date(request.due_at)),
          periodText: `${ruleOf('ehds', 'cost-estimate').value} virkedager`,
          requestSources: sources.filter((s) => registerIds.has(s.registerId)).map(letterSource),
        };
        await sendCaseLetter(tx, { applicationId, kind: letterKind.costEstimateRequest, qualifier: request.custodian_id, facts, recipient: custodianRecipient(request.custodian_id), now: now() });
        await recordStep(tx, { applicationId, step: auditStep.costEstimateRequested, qualifier: request.custodian_id, actor: 'system', detail: { dueAt: request.due_at } });
      }
      const dueAt = new Date(requests[0].due_at);
      return {
        costEstimatesDueAt: dueAt.toISOString(),
        costEstimatesDueText: norwegianDate(osloDay(dueAt)),
        costEstimateCustodiansText: requests.map((r) => custodianName(r.custodian_id) ?? r.custodian_id).join(', '),
        feeDate: today,
      };
    });
  },
});
