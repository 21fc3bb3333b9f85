// The stages a case passed and when, read from its audit trail: the history the forecast
// learns from, and where an open case stands and since when. Each audit step that moves a case
// names the stage it moves to (domain/stages.json codes); other steps (letters, invoices,
// checks) leave it where it is.
import { appealStage, openStages, stageOfStatus } from '../stages.ts';

// The stages in which a case waits on someone: a caseworker's queue, the applicant, another
// body, the custodians.
export const forecastStages = ['completeness-check', 'awaiting-applicant', 'update-check', 'assessment', 'decision', 'with-other-body', 'decided', 'delivery'] as const;
export type ForecastStage = (typeof forecastStages)[number];
// Where a stage leads: another stage, or the end of the case.
export type Next = ForecastStage | 'closed' | 'rejected';

// The step (without the external task id, message id or custodian some steps end in) that moves a
// case, and where to.
const movesTo: Record<string, Next> = {
  received: 'completeness-check',
  registered: 'completeness-check',
  'supplement-received': 'completeness-check',
  'supplement-requested': 'awaiting-applicant',
  rejected: 'rejected',
  'update-compared': 'update-check',
  'statutory-clock-started': 'assessment',
  forwarded: 'with-other-body',
  assessed: 'decision',
  decided: 'decided',
  'orders-created': 'delivery',
  'external-decision-recorded': 'closed',
  closed: 'closed',
  // An EHDS application withdrawn after the cost estimate ends the case in assessment.
  withdrawn: 'closed',
  // A request for anonymised statistics ends when a caseworker releases the statistics.
  'statistics-released': 'closed',
};

// The steps the forecast reads, as a PostgreSQL pattern on audit_events.step.
export const movingStepPattern = `^(${Object.keys(movesTo).join('|')})(:.*)?$`;

function stageAfterStep(step: string): Next | undefined {
  return movesTo[step.replace(/:.*$/, '')];
}

// The statuses of the cases the forecast looks ahead for: those of every open stage but the
// appeal, which runs beside the case.
export const forecastStatuses: readonly string[] = openStages.filter((stage) => stage !== appealStage).flatMap((stage) => stage.statuses);

function isForecastStage(code: string): code is ForecastStage {
  return (forecastStages as readonly string[]).includes(code);
}

// The stage of a case's status (domain/stages.json), as the forecast names it: a case just
// received waits for its completeness check.
export function forecastStageOfStatus(status: string): ForecastStage | undefined {
  const code = status === 'received' ? 'completeness-check' : stageOfStatus(status).code;
  return isForecastStage(code) ? code : undefined;
}

type Visit = { stage: ForecastStage; enteredAt: Date; leftAt: Date | null; next: Next | null };

// A case's visits to its stages, from its moving steps in the order they happened. Steps
// that keep it in the stage it is in (e.g. registered after received) start no new visit.
export function stageVisits(steps: readonly { step: string; at: Date }[]): Visit[] {
  const visits: Visit[] = [];
  let current: Visit | undefined;
  for (const { step, at } of steps) {
    const next = stageAfterStep(step);
    if (!next || next === current?.stage) continue;
    if (current) {
      current.leftAt = at;
      current.next = next;
    }
    if (next === 'closed' || next === 'rejected') {
      current = undefined;
      continue;
    }
    current = { stage: next, enteredAt: at, leftAt: null, next: null };
    visits.push(current);
  }
  return visits;
}
