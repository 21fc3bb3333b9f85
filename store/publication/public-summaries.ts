// The approved public title and summary of an application (migrations/641): written when a
// caseworker approves them, read by the public pages. Nothing else about a case's free text is
// published.
import type { Knex } from 'knex';
import { auditStep } from '../../domain/audit-steps.ts';
import type { Finding } from '../../domain/publication/screening.ts';
import { recordStep } from '../../platform/audit.ts';

export type Approval = {
  applicationId: string;
  title: string;
  summary?: string | null;
  institution: string;
  // What the screening found in the approved text and the caseworker cleared.
  findings: readonly Finding[];
  approvedBy: string;
  now: Date;
  // What tells this approval apart from an earlier one of the same case (the job).
  qualifier: string;
};

export async function approvePublicSummary(tx: Knex.Transaction, approval: Approval): Promise<void> {
  const { applicationId, title, summary, institution, findings, approvedBy, now, qualifier } = approval;
  const row = { application_id: applicationId, title: title.trim(), summary: summary?.trim() || null, institution: institution.trim(), findings: JSON.stringify(findings), approved_by: approvedBy, approved_at: now };
  await tx('public_summaries').insert(row).onConflict('application_id').merge();
  await recordStep(tx, { applicationId, step: auditStep.publicSummaryApproved, qualifier, actor: approvedBy, detail: { title: row.title, findings: findings.length } });
}
