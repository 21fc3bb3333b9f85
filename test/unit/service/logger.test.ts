// Redaction by key: wherever a submission or its project leader ends up in a log call, the
// name, e-mail and national id are censored, the rest of the line stays useful, and the
// caller's objects are left as they were.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../platform/logger.ts';

const projectLeader = () => ({ name: 'Kari Nordmann', email: 'kari.nordmann@example.no', nationalId: '01010112345' });
const submission = () => ({ applicationType: 'new', projectLeader: projectLeader(), institution: { name: 'FHI', organisationNumber: '983744516' } });

function logged(write: (log: ReturnType<typeof createLogger>) => void): string {
  const lines: string[] = [];
  write(createLogger('info', { write: (line: string) => void lines.push(line) }));
  expect(lines.length).toBeGreaterThan(0);
  return lines.join('');
}

function expectNoPersonalData(output: string) {
  expect(output).not.toContain('Kari Nordmann');
  expect(output).not.toContain('kari.nordmann@example.no');
  expect(output).not.toContain('01010112345');
}

const shapes: [string, () => Record<string, unknown>][] = [
  ['a submission', () => ({ submission: submission() })],
  ['a request body', () => ({ body: submission() })],
  ['a request with its body', () => ({ req: { method: 'POST', body: submission() } })],
  ['a stored application', () => ({ application: { submission: submission() } })],
  ['a name at the fifth level', () => ({ job: { application: { submission: submission() } } })],
  ['the project leader', () => ({ projectLeader: projectLeader() })],
  ['a list of people', () => ({ contacts: [projectLeader(), projectLeader()] })],
  ['personal fields at the top', () => projectLeader()],
];

describe('log redaction', () => {
  it.each(shapes)('censors %s and keeps the rest', (_case, shape) => {
    const output = logged((log) => log.info({ ...shape(), reference: 'HDS-2025-00001' }, 'case event'));
    expectNoPersonalData(output);
    expect(output).toContain('HDS-2025-00001');
    expect(output).toContain('[redacted]');
  });

  it.each(shapes)('leaves the logged object of %s unchanged', (_case, shape) => {
    const fields = shape();
    const before = structuredClone(fields);
    logged((log) => {
      log.info(fields, 'first');
      log.info(fields, 'second');
      log.child(fields).info('bound');
    });
    expect(fields).toEqual(before);
  });

  it('censors the bound context of a child logger', () => {
    const output = logged((log) => log.child({ body: submission() }).info('with context'));
    expectNoPersonalData(output);
    expect(output).toContain('983744516');
  });
});
