// The stages of a case, read from stages.json, so that the API, GET /stats and Tasklist's
// filters name a stage alike and a renamed stage is a data change.
import { readFileSync } from 'node:fs';

export type Stage = { code: string; name: string; statuses: string[]; userTasks: string[]; final?: boolean; whileAppealOpen?: boolean };

export const stages: readonly Stage[] = (JSON.parse(readFileSync(new URL('./stages.json', import.meta.url), 'utf8')) as { stages: Stage[] }).stages;

// What a case shows if its status belongs to no stage: a status a worker sets without a stage
// here is a bug, which the catalogue's unit test looks for.
export const unknownStage: Stage = { code: 'unknown', name: 'Ukjent', statuses: [], userTasks: [] };

const byStatus = new Map(stages.flatMap((stage) => stage.statuses.map((status) => [status, stage] as const)));

export function stageOfStatus(status: string): Stage {
  return byStatus.get(status) ?? unknownStage;
}

export const appealStage: Stage = stages.find((stage) => stage.whileAppealOpen) ?? unknownStage;

// Where a case stands: in the appeal stage while an appeal of it is undecided, otherwise in the
// stage of its status.
export function stageOf(status: string, appealOpen: boolean): Stage {
  return appealOpen ? appealStage : stageOfStatus(status);
}

// SQL: whether the application aliased `a` has an appeal not yet decided.
export const appealOpenSql = 'exists (select 1 from appeals ap where ap.application_id = a.id and ap.outcome is null)';

export const openStages: readonly Stage[] = stages.filter((stage) => !stage.final);
export const openStatuses: readonly string[] = openStages.flatMap((stage) => stage.statuses);
