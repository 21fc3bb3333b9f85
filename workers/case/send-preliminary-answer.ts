// Sends a preliminary answer one month after receipt to a case HDS has not answered yet
// (forvaltningsloven § 11 a): why, and when an answer can be expected. A case that is decided,
// forwarded (its forwarding notice answered it) or closed gets none.
import { clockFacts } from '../../domain/case/facts.ts';
import { durationText, isRulebookId } from '../../domain/rulebook/rulebooks.ts';
import { decisionRule } from '../../domain/rulebook/statutory-clock.ts';
import { norwegianDate, osloDay } from '../../domain/working-days.ts';
import { recordStep } from '../../platform/audit.ts';
import { sendCaseLetter } from '../../store/letter/case-letter.ts';
import { loadApplication } from './case-file.ts';
import { lastRequestedMissing } from '../../store/case/supplement-requests.ts';
import { caseInput, defineWorker, InvalidJobInput } from '../declaration.ts';
import { auditStep } from '../../domain/audit-steps.ts';
import { caseStatus, type CaseStatus } from '../../domain/case/states.ts';
import { letterKind } from '../../domain/letter/kinds.ts';

// Why the case is not answered yet, by the status it has.
const reasons: Partial<Record<CaseStatus, string>> = {
  registered: 'Søknaden står i kø for kompletthetsvurdering.',
  'awaiting-supplement': 'Søknaden er ikke komplett, og vi venter på opplysninger fra deg.',
  'checking-update': 'Vi kontrollerer at dataoppdateringen holder seg innenfor det tidligere vedtaket.',
  'in-assessment': 'Søknaden er komplett og til juridisk vurdering.',
  'awaiting-decision': 'Søknaden er vurdert og venter på vedtak.',
};

export default defineWorker<{ applicationId: string }, { preliminaryAnswerSent: boolean }>({
  topic: 'send-preliminary-answer',
  input: caseInput(),
  async handler({ applicationId }, { db, now }) {
    const { status, deciding_body: decidingBody, rulebook, submission } = await loadApplication(db, applicationId);
    const reason = reasons[status];
    if (!reason) return { preliminaryAnswerSent: false };
    if (!isRulebookId(rulebook)) throw new InvalidJobInput(`Application ${applicationId} has no rulebook recorded (record-rulebook sets it)`);
    const deadline = await db('deadlines').where({ application_id: applicationId }).first('due_at');
    // Before the clock starts: the period the case's rulebook will give it.
    const rule = decisionRule(rulebook, clockFacts(submission));
    const linked = rule.id === 'decision-linked' ? ', fordi datakilder skal kobles' : '';
    let expectedAnswer = `Når søknaden er komplett, fatter vi vedtak innen ${durationText(rule)} (${rule.article})${linked}.`;
    if (deadline) expectedAnswer = `Du kan vente vedtak senest ${norwegianDate(osloDay(new Date(deadline.due_at)))}, innen den lovfestede fristen.`;
    if (status === caseStatus.awaitingSupplement) expectedAnswer = `Vi venter på: ${await lastRequestedMissing(db, applicationId)}. ${expectedAnswer}`;
    await db.transaction(async (tx) => {
      await recordStep(tx, { applicationId, step: auditStep.preliminaryAnswer, actor: 'system', detail: { status, decidingBody } });
      await sendCaseLetter(tx, { applicationId, kind: letterKind.preliminaryAnswer, facts: { reason, expectedAnswer }, now: now() });
    });
    return { preliminaryAnswerSent: true };
  },
});
