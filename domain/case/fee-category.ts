// Reduced fees under EHDS (Regulation (EU) 2025/327, Art. 62(3)): the applicant claims a fee
// category in its submission, a caseworker confirms it in the completeness check, and the fee
// table (bpmn/fee.dmn, decision fee-reduction) says by how much a confirmed category reduces
// HDS's fee. Pure: the percentage is the table's, never a number here.
import type { RulebookId } from '../rulebook/rulebooks.ts';

export const feeCategories = ['public-body', 'university', 'micro-enterprise'] as const;
export type FeeCategory = (typeof feeCategories)[number];

// The completeness form's choice when no reduced category applies.
export const noFeeCategory = 'none';

export const isFeeCategory = (value: unknown): value is FeeCategory => feeCategories.includes(value as FeeCategory);

// As letters name the category ("redusert gebyr for ...").
export const feeCategoryNames: Record<FeeCategory, string> = {
  'public-body': 'offentlig organ',
  university: 'universitet eller høyskole',
  'micro-enterprise': 'mikroforetak',
};

// An amount less the table's reduction, in whole NOK (rounded down in the payer's favour).
export const reducedAmount = (amountNok: number, reductionPercent: number) => Math.floor((amountNok * (100 - reductionPercent)) / 100);

// Why a reduction the fee table gave cannot be applied: only an EHDS case with a confirmed
// category gets one, whatever a process variable says. Null when it can (or there is none).
export function reductionProblem(rulebook: RulebookId, confirmedCategory: string | null, reductionPercent: number): string | null {
  if (reductionPercent === 0) return null;
  if (reductionPercent < 0 || reductionPercent > 100) return `A fee reduction of ${reductionPercent} % is not a share of the fee`;
  if (rulebook !== 'ehds') return 'Only a case under the EHDS rulebook has a reduced fee';
  if (!isFeeCategory(confirmedCategory)) return 'The case file has no confirmed fee category for the reduction the fee table gave';
  return null;
}

// What the completeness form starts from: the category the applicant claims (the caseworker
// confirms or changes it) and the claim as the form shows it.
export function feeCategoryFacts(submission: { institution?: { feeCategory?: string } }) {
  const claimed = submission.institution?.feeCategory;
  return isFeeCategory(claimed) ? { feeCategory: claimed, claimedFeeCategoryText: feeCategoryNames[claimed] } : { feeCategory: noFeeCategory, claimedFeeCategoryText: 'ingen' };
}
