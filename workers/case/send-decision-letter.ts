// Sends the decision letter and starts the appeal period (forvaltningsloven § 29). The letter
// gives the outcome per source from the structured decision (the variables granted, what was
// refused and why), the dispensation and conditions, the reasons, the fee, the right to appeal
// and who assessed and decided (bpmn/letters/decision.hbs).
import { appealDeadline } from '../../domain/deadlines.ts';
import { sourceOutcome, type Outcome } from '../../domain/case/decision.ts';
import { registerLabel } from '../../domain/registers.ts';
import { osloDay } from '../../domain/working-days.ts';
import { decisionSources, grantedSources, type StoredSourceDecision } from '../../store/case/decisions.ts';
import { sendCaseLetter } from '../../store/letter/case-letter.ts';
import { caseInput, defineWorker, InvalidJobInput } from '../declaration.ts';
import { caseEvent } from '../../domain/case/states.ts';
import { applyCaseEvent } from '../../store/case/events.ts';
import { letterKind } from '../../domain/letter/kinds.ts';

type Input = { applicationId: string; decisionNotes?: string; updateCheckNotes?: string };

const outcomeTexts: Record<string, string> = { grant: 'innvilget', 'partial-grant': 'delvis innvilget', refusal: 'avslått' };

function letterSource(source: StoredSourceDecision) {
  const outcome: Outcome = sourceOutcome({ registerId: source.registerId, variables: source.askedVariables }, source);
  return {
    name: registerLabel(source.registerId),
    granted: source.granted,
    outcomeText: outcomeTexts[outcome],
    variables: source.variables.join(', '),
    refusedVariables: source.granted ? source.askedVariables.filter((v) => !source.variables.includes(v)).join(', ') : '',
    dispensation: source.dispensation,
    conditions: source.conditions ?? '',
    reason: outcome === 'grant' ? '' : (source.refusalReason ?? ''),
  };
}

// The sources as the letter states them; a decision recorded without sources (a data update
// within an earlier decision) grants every source asked for in full.
async function sourcesOfDecision(db: Parameters<typeof decisionSources>[0], applicationId: string, dispensation: boolean) {
  const stored = await decisionSources(db, applicationId);
  if (stored.length > 0) return stored.map(letterSource);
  const granted = await grantedSources(db, applicationId);
  return granted.map((s) => letterSource({ ...s, granted: true, askedVariables: s.variables, dispensation, conditions: null, refusalReason: null }));
}

export default defineWorker<Input, { appealDeadline: string }>({
  topic: 'send-decision-letter',
  input: caseInput({ decisionNotes: { type: 'string' }, updateCheckNotes: { type: 'string' } }),
  async handler({ applicationId, decisionNotes, updateCheckNotes }, { db, now, userTasks }) {
    const deadline = appealDeadline(osloDay(now()));
    const [decision, assessment, invoice, application] = await Promise.all([
      db('decisions').where({ application_id: applicationId }).first(),
      db('assessments').where({ application_id: applicationId }).first(),
      db('invoices').where({ application_id: applicationId }).first(),
      db('applications').where({ id: applicationId }).first('routing_rule'),
    ]);
    if (!decision || !invoice) throw new InvalidJobInput('The decision letter needs the recorded decision and fee');
    const isUpdate = application.routing_rule === 'data-update';
    const approver = decision.decided_by ?? '';
    const caseworker = assessment?.assessed_by ?? approver;
    const sources = await sourcesOfDecision(db, applicationId, decision.dispensation_granted === true);
    const reasons = [assessment?.findings?.notes, decisionNotes, isUpdate ? updateCheckNotes : undefined].filter((text) => text?.trim()).join(' ');
    const facts = {
      isUpdate,
      outcomeText: outcomeTexts[decision.outcome] ?? decision.outcome,
      decisionSources: sources,
      dispensationGranted: decision.dispensation_granted === true,
      dispensationSources: sources.filter((s) => s.granted && s.dispensation).map((s) => s.name).join(', '),
      conditions: decision.conditions ?? '',
      reasons: reasons || 'Vilkårene for tilgang er vurdert etter reglene over.',
      feeExemption: invoice.exemption ?? '',
      baseFeeNok: invoice.base_fee_nok,
      hourlyRateNok: invoice.hourly_rate_nok,
      hoursBilled: invoice.hours_billed,
      amountNok: invoice.amount_nok,
      appealDeadline: deadline,
      caseworkerName: caseworker ? await userTasks.nameOf(caseworker) : '',
      approverName: approver ? await userTasks.nameOf(approver) : '',
    };
    await db.transaction(async (tx) => {
      await tx('decisions').where({ application_id: applicationId }).whereNull('letter_sent_at').update({ letter_sent_at: now(), appeal_deadline: deadline });
      await applyCaseEvent(tx, { applicationId, event: caseEvent.decisionLetterSent, now: now(), actor: 'system', detail: { appealDeadline: deadline } });
      await sendCaseLetter(tx, { applicationId, kind: letterKind.decision, facts, now: now() });
    });
    return { appealDeadline: deadline };
  },
});
