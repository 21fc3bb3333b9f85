// The cost estimate before the decision under EHDS (Regulation (EU) 2025/327 Art. 62(5)): the
// applicant answers HDS's and the custodians' estimates by accepting them or withdrawing the
// application, and pays, on withdrawal, only the costs already incurred.
import { constants } from '../state-machine.ts';

export const costEstimateAnswers = ['accept', 'withdraw'] as const;
export type CostEstimateAnswer = (typeof costEstimateAnswers)[number];
export const costEstimateAnswer = constants(costEstimateAnswers);

// The largest estimate a custodian can give, in NOK: a larger number is a typing mistake, not
// an estimate.
export const maxEstimateNok = 100_000_000;

// HDS's costs already incurred when the applicant withdraws: the fee table's base fee (the
// registration and the estimate itself), no hours; the custodians' estimates are not charged.
export const hoursChargedOnWithdrawal = 0;

