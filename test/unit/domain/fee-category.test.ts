// Reduced fees under EHDS (Art. 62(3)): what the completeness form starts from, the reduced
// amount, and when a reduction the fee table gave may be taken (domain/case/fee-category.ts).
import { describe, expect, it } from 'vitest';
import { feeCategoryFacts, reducedAmount, reductionProblem } from '../../../domain/case/fee-category.ts';

describe('fee categories', () => {
  it('starts the completeness form from the claimed category, or none', () => {
    expect(feeCategoryFacts({ institution: { feeCategory: 'university' } })).toEqual({ feeCategory: 'university', claimedFeeCategoryText: 'universitet eller høyskole' });
    expect(feeCategoryFacts({ institution: {} })).toEqual({ feeCategory: 'none', claimedFeeCategoryText: 'ingen' });
    expect(feeCategoryFacts({ institution: { feeCategory: 'charity' } })).toEqual({ feeCategory: 'none', claimedFeeCategoryText: 'ingen' });
  });

  it('reduces an amount to whole NOK, rounding down', () => {
    expect(reducedAmount(6120, 50)).toBe(3060);
    expect(reducedAmount(6121, 50)).toBe(3060);
    expect(reducedAmount(6121, 0)).toBe(6121);
  });

  it('takes a reduction only for an EHDS case with a confirmed category', () => {
    expect(reductionProblem('ehds', 'public-body', 50)).toBeNull();
    expect(reductionProblem('norwegian', null, 0)).toBeNull();
    expect(reductionProblem('ehds', null, 0)).toBeNull();
    expect(reductionProblem('norwegian', 'public-body', 50)).toMatch(/EHDS/);
    expect(reductionProblem('ehds', null, 50)).toMatch(/no confirmed fee category/);
    expect(reductionProblem('ehds', 'university', 150)).toMatch(/not a share/);
  });
});
