// The README's configuration reference names exactly the variables the service reads, and its
// example application is valid for the current schema. A setting added to platform/config.ts, or a renamed field, fails here until
// the README says so.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applicationSubmission } from '../../../api/schemas.ts';
import { validatorCompiler } from '../../../api/validation.ts';
import { variablesLoadConfigReads } from './config-reads.ts';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

function sectionOf(heading: string): string {
  const start = readme.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const level = heading.split(' ')[0]!;
  const end = readme.indexOf(`\n${level} `, start + heading.length + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

// The variable names in the first column of the first table of a section.
function variablesInTable(section: string): string[] {
  const lines = section.slice(section.indexOf('\n|') + 1).split('\n');
  const end = lines.findIndex((line) => !line.startsWith('|'));
  const table = lines.slice(2, end === -1 ? undefined : end);
  return table.flatMap((row) => [...row.split('|')[1]!.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!));
}

describe('README', () => {
  it('lists exactly the variables loadConfig reads', () => {
    const listed = variablesInTable(sectionOf('## Configuration'));
    expect(listed.length).toBeGreaterThan(0);
    expect([...new Set(listed)].sort()).toEqual([...variablesLoadConfigReads()].sort());
  });

  it('shows an application that is valid for the current schema', () => {
    const example = /cat > application\.json <<'EOF'\n([\s\S]*?)\nEOF\n/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const validate = validatorCompiler({ schema: applicationSubmission, method: 'POST', url: '/applications', httpPart: 'body' }) as ((data: unknown) => boolean) & { errors?: unknown };
    expect(validate(JSON.parse(example!)), JSON.stringify(validate.errors)).toBe(true);
  });
});
