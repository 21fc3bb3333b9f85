import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openStatuses, stageOf, stageOfStatus, stages } from '../../../domain/stages.ts';

// The statuses the code writes to applications.status: intake's first one, then the workers'
// (setStatus, or an update of the status column).
function statusesSet(): Map<string, string> {
  const files = ['service/intake.ts', ...readdirSync('workers').filter((f) => f.endsWith('.ts')).map((f) => `workers/${f}`)];
  const found = new Map<string, string>();
  const patterns = [/setStatus\([^,]+,[^,]+,\s*'([^']+)'/g, /\bstatus:\s*'([^']+)'/g, /\bstatus\)\s*values\s*\([^)]*'([^']+)'/g];
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    for (const pattern of patterns) for (const [, status] of source.matchAll(pattern)) found.set(status!, file);
  }
  return found;
}

describe('stage catalogue', () => {
  it('finds the statuses the workers set', () => {
    expect([...statusesSet().keys()]).toEqual(expect.arrayContaining(['received', 'registered', 'awaiting-supplement', 'in-assessment', 'awaiting-decision', 'decided', 'closed']));
  });

  it('has a stage for every status intake or a worker sets', () => {
    const missing = [...statusesSet()].filter(([status]) => stageOfStatus(status).code === 'unknown').map(([status, file]) => `${status} (${file})`);
    expect(missing).toEqual([]);
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
    expect(stageOfStatus('awaiting-decision')).toMatchObject({ code: 'decision', name: 'Vedtak', userTasks: ['make-decision'] });
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
