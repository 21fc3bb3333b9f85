// The applicant's fee category as a caseworker confirmed it in the completeness check (EHDS,
// Regulation (EU) 2025/327, Art. 62(3)), on the case (applications.fee_category, migration
// 770), with who confirmed it and when. A later completeness check (after a supplement)
// confirms it again; the last one counts. Read back by the invoice and the letters.
import type { Knex } from 'knex';
import { auditStep } from '../../domain/audit-steps.ts';
import { isFeeCategory, type FeeCategory } from '../../domain/case/fee-category.ts';
import { recordStep } from '../../platform/audit.ts';

type Db = Knex | Knex.Transaction;

export async function recordFeeCategory(tx: Knex.Transaction, { applicationId, category, confirmedBy, now, qualifier }: { applicationId: string; category: FeeCategory | null; confirmedBy: string; now: Date; qualifier: string }) {
  await tx('applications').where({ id: applicationId }).update({ fee_category: category, fee_category_confirmed_by: confirmedBy, fee_category_confirmed_at: now });
  await recordStep(tx, { applicationId, step: auditStep.feeCategoryConfirmed, qualifier, actor: confirmedBy, detail: { category } });
}

export async function confirmedFeeCategory(db: Db, applicationId: string): Promise<FeeCategory | null> {
  const row = await db('applications').where({ id: applicationId }).first('fee_category');
  return isFeeCategory(row?.fee_category) ? row.fee_category : null;
}
