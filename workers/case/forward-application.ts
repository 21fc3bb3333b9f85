// Forwards a case HDS does not decide to the body that does (to each custodian concerned, when
// custodians decide), and tracks it until that body's decision arrives: each body gets a
// forwarding letter with the application, the applicant a notice of where it went.
import { forwardingRecipients } from '../../domain/case/forwarding.ts';
import { osloDay } from '../../domain/working-days.ts';
import { loadApplication } from './case-file.ts';
import { caseInput, defineWorker } from '../declaration.ts';
import { sendCaseLetter } from '../../store/letter/case-letter.ts';
import { sendForwardingLetters } from '../../store/letter/forwarding.ts';
import { caseEvent } from '../../domain/case/states.ts';
import { applyCaseEvent } from '../../store/case/events.ts';
import { letterKind } from '../../domain/letter/kinds.ts';

export default defineWorker<{ applicationId: string; decidingBody: string; routingRule?: string }, { forwardedTo: string }>({
  topic: 'forward-application',
  // HDS decides its own cases: a case routed to HDS must never reach this task.
  input: caseInput({ decidingBody: { type: 'string', enum: ['CUSTODIAN', 'REK', 'HELSEDIREKTORATET'] }, routingRule: { type: 'string' } }, ['decidingBody']),
  async handler({ applicationId, decidingBody, routingRule }, { db, now }) {
    const { submission } = await loadApplication(db, applicationId);
    const forwardedAt = now();
    const recipients = forwardingRecipients(decidingBody, submission.dataSources.map((s) => s.registerId), osloDay(forwardedAt));
    await db.transaction(async (tx) => {
      await tx('forwardings')
        .insert(recipients.map(({ recipient, registerIds }) => ({ application_id: applicationId, recipient, register_ids: registerIds, forwarded_at: forwardedAt })))
        .onConflict(['application_id', 'recipient'])
        .ignore();
      await applyCaseEvent(tx, {
        applicationId,
        event: caseEvent.forwarded,
        now: forwardedAt,
        actor: 'system',
        detail: { to: decidingBody, recipients: recipients.map(({ recipient, registerIds }) => ({ recipient, registerIds })) },
      });
      const facts = { decidingBody, routingRule: routingRule ?? '', recipients: recipients.map((r) => ({ name: r.name, registers: r.registerIds.join(', ') })) };
      await sendCaseLetter(tx, { applicationId, kind: letterKind.forwardingNotice, facts, now: forwardedAt });
      await sendForwardingLetters(tx, { applicationId, submission, recipients, routingRule: routingRule ?? '', now: forwardedAt });
    });
    // For a person reading the instance in Cockpit.
    return { forwardedTo: recipients.map((r) => r.name).join(', ') };
  },
});
