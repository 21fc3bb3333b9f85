// The letters the permit process sends the holder: the reminder before the period ends, the
// request to confirm deletion, the decision on a revocation and the refusal of a delivery
// request. Until the letters' delivery (PDF, e-mail, journal) exists, a letter is recorded in
// the case file of the permit's case, once per kind and key; the delivery plugs in here.
import type { Knex } from 'knex';
import { recordStep } from './audit.ts';

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

export async function sendPermitLetter(tx: Knex | Knex.Transaction, { applicationId, permitId, kind, key, content }: PermitLetter) {
  await recordStep(tx, { applicationId, step: `permit-letter:${kind}:${key}`, actor: 'system', detail: { permitId, recipient: 'holder', ...content } });
}
