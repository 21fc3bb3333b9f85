// The forecast as the API shows it: a case's expected dates (GET /applications/{id}) and the
// backlog's (GET /stats), both as the latest refresh stored them.
const day = { type: 'string', format: 'date' } as const;
const nullableDay = { type: ['string', 'null'], format: 'date' } as const;

const dateRange = (what: string) =>
  ({
    anyOf: [
      {
        type: 'object',
        required: ['median', 'from', 'to'],
        description: `${what}: the median of the simulated dates, and the 80% interval (from the 10th to the 90th percentile)`,
        properties: { median: day, from: day, to: day },
      },
      { type: 'null' },
    ],
  }) as const;

const computed = {
  methodVersion: { type: 'string', description: 'The forecasting method and its version, e.g. queue-simulation-1' },
  computedAt: { type: 'string', format: 'date-time', description: 'When the refresh computed it (forecasts are refreshed as cases move, never per request)' },
} as const;

export const caseForecast = {
  anyOf: [
    {
      type: 'object',
      required: ['decision', 'delivery', 'deadlineAtRisk', 'breachProbability', 'methodVersion', 'computedAt'],
      description: "When the case can expect its decision and, if granted, its data, from the live queues and the past year's stage times (README, Forecast)",
      properties: {
        decision: dateRange('The expected day of the decision; null once decided, or when the case is not expected to reach one (a supplement not sent)'),
        delivery: dateRange('The expected day the last custodian delivers, if the decision grants access'),
        deadlineAtRisk: { type: 'boolean', description: 'Not yet decided, with five working days or fewer left to the statutory deadline, which has not passed yet ("Frist i fare")' },
        breachProbability: { type: ['number', 'null'], description: 'Share of the simulated runs in which the decision comes after the statutory deadline; null once decided' },
        ...computed,
      },
    },
    { type: 'null' },
  ],
  description: 'Null for a closed case, and before the history holds enough decisions to learn from',
} as const;

const backlogGroup = (key: object) =>
  ({
    type: 'object',
    required: ['open', 'finishedPerWeek', 'clearsOn', 'expectedBreaches'],
    properties: {
      ...key,
      open: { type: 'integer', description: 'Open cases in it now' },
      finishedPerWeek: { type: ['number', 'null'], description: 'Cases its work queues finished per week over the last eight weeks; null where cases wait on the applicant or another body' },
      clearsOn: { ...nullableDay, description: 'The day the last of its open cases is through, at the current pace (the median of the simulated runs); null beyond two years' },
      expectedBreaches: { type: 'number', description: 'How many of its open cases are expected to get their decision after the statutory deadline (the sum of their chances)' },
    },
  }) as const;

export const backlogForecast = {
  anyOf: [
    {
      type: 'object',
      required: ['stages', 'registers', 'methodVersion', 'computedAt'],
      properties: {
        stages: { type: 'array', description: 'Per stage a case is in (stage codes of domain/stages.json): through when it leaves the stage', items: backlogGroup({ stage: { type: 'string' } }) },
        registers: { type: 'array', description: 'Per register named by open cases: through when their last case is decided and delivered', items: backlogGroup({ registerId: { type: 'string' } }) },
        ...computed,
      },
    },
    { type: 'null' },
  ],
  description: 'The open backlog forecast per stage and register; null before the first refresh with enough history',
} as const;
