import { describe, expect, it } from 'vitest';
import { caseStatuses } from '../../../domain/case/states.ts';
import { openStatuses, stageOf, stageOfStatus, stages } from '../../../domain/stages.ts';

describe('stage catalogue', () => {
  it('has a stage for every status of the case machine, and no status the machine lacks', () => {
    expect(caseStatuses.filter((status) => stageOfStatus(status).code === 'unknown')).toEqual([]);
    expect(stages.flatMap((s) => s.statuses).filter((status) => !(caseStatuses as readonly string[]).includes(status))).toEqual([]);
  });

  it('puts each status, user task, code and name in one stage only', () => {
    for (const key of ['code', 'name'] as const) expect(new Set(stages.map((s) => s[key])).size, key).toBe(stages.length);
    const statuses = stages.flatMap((s) => s.statuses);
    expect(new Set(statuses).size).toBe(statuses.length);
    const userTasks = stages.flatMap((s) => s.userTasks);
    expect(new Set(userTasks).size).toBe(userTasks.length);
  });

  it('names a case waiting for its completeness check as caseworkers do', () => {
    expect(stageOfStatus('registered')).toMatchObject({ code: 'completeness-check', name: 'Kompletthetsvurdering', userTasks: ['check-completeness'] });
    expect(stageOfStatus('awaiting-decision')).toMatchObject({ code: 'decision', name: 'Vedtak', userTasks: ['make-decision', 'decide-statistics-request'] });
  });

  it('closes a request for anonymised statistics once the statistics are delivered', () => {
    expect(stageOfStatus('statistics-delivered')).toMatchObject({ code: 'closed', final: true });
  });

  it('runs in case order from receipt to closure, and only the last stage ends a case', () => {
    expect(stages[0]!.statuses).toEqual(['received']);
    expect(stages.filter((s) => s.final).map((s) => s.code)).toEqual([stages.at(-1)!.code]);
    expect(openStatuses).not.toContain('closed');
    expect(openStatuses).toContain('awaiting-supplement');
  });

  it('answers an unknown status with the stage unknown', () => {
    expect(stageOfStatus('no-such-status')).toMatchObject({ code: 'unknown', name: 'Ukjent' });
  });

  it('puts a case with an undecided appeal in the appeal stage, whatever its status', () => {
    for (const status of ['closed', 'rejected', 'decided', 'awaiting-delivery']) {
      expect(stageOf(status, true)).toMatchObject({ code: 'appeal', name: 'Klagebehandling', userTasks: ['reconsider-decision'] });
      expect(stageOf(status, false)).toBe(stageOfStatus(status));
    }
  });
});
