// The letters the permit process sends the holder: the reminder before the period ends, the
// request to confirm deletion, the decision on a revocation and the refusal of a delivery
// request. Each is a letter of the permit's case (bpmn/letters/permit-<kind>.hbs): made once per
// kind and key as PDF/A, journaled and e-mailed to the holder, and recorded in the audit trail.
import type { Knex } from 'knex';
import { recordStep } from './audit.ts';
import { sendCaseLetter } from './letters/case-letter.ts';

export type PermitLetterKind = 'expiry-reminder' | 'deletion-request' | 'revocation-decision' | 'delivery-refusal';

export type PermitLetter = {
  // The case the permit belongs to: its case file holds the letter.
  applicationId: string;
  permitId: string;
  kind: PermitLetterKind;
  // What makes the letter one of its kind, e.g. the end date it reminds of: a retried job
  // sends nothing twice.
  key: string;
  // What the letter says beyond the permit itself.
  content: Record<string, unknown>;
};

export async function sendPermitLetter(tx: Knex | Knex.Transaction, { applicationId, permitId, kind, key, content }: PermitLetter, now = new Date()) {
  const step = `permit-letter:${kind}:${key}`;
  await recordStep(tx, { applicationId, step, actor: 'system', detail: { permitId, recipient: 'holder', ...content } });
  await sendCaseLetter(tx, { applicationId, step, kind: `permit-${kind}`, facts: content, now });
}
