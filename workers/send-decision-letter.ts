// Sends the decision letter and starts the appeal period (forvaltningsloven § 29).
import { appealDeadline } from '../domain/deadlines.ts';
import { osloDay } from '../domain/working-days.ts';
import { recordStep } from '../service/audit.ts';
import { setStatus } from './case-file.ts';
import { caseInput, defineWorker } from './declaration.ts';

export default defineWorker<{ applicationId: string }, { appealDeadline: string }>({
  taskType: 'send-decision-letter',
  input: caseInput(),
  async handler({ applicationId }, { db, now }) {
    const deadline = appealDeadline(osloDay(now()));
    await db.transaction(async (tx) => {
      await tx('decisions').where({ application_id: applicationId }).whereNull('letter_sent_at').update({ letter_sent_at: now(), appeal_deadline: deadline });
      await setStatus(tx, applicationId, 'decided', now());
      await recordStep(tx, { applicationId, step: 'decision-letter-sent', actor: 'system', detail: { appealDeadline: deadline } });
    });
    return { appealDeadline: deadline };
  },
});
