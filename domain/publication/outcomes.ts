// A decision's outcome as the public registers name it (decisions.outcome).
export const decisionOutcomes = ['grant', 'partial-grant', 'refusal', 'rejection'] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];

export const publicOutcomeNames: Record<DecisionOutcome, string> = {
  grant: 'Innvilget',
  'partial-grant': 'Delvis innvilget',
  refusal: 'Avslått',
  rejection: 'Avvist',
};
