// The text check every string in a request gets, and how the validator compiler gives it to
// each string of a route's schema without changing the schema the OpenAPI document shows.
import { describe, expect, it } from 'vitest';
import { applicationSubmission, deliveryRequest } from '../../../api/schemas.ts';
import { textProblem, validatorCompiler, withTextChecks } from '../../../api/validation.ts';

describe('textProblem', () => {
  it.each([
    ['a NUL', 'a\u0000b', 'NUL'],
    ['a lone high surrogate', 'a\ud800b', 'unpaired UTF-16 surrogate'],
    ['a lone high surrogate at the end', 'ab\ud83d', 'unpaired UTF-16 surrogate'],
    ['a lone low surrogate', '\udc00ab', 'unpaired UTF-16 surrogate'],
    ['a surrogate pair reversed', '\ude00\ud83d', 'unpaired UTF-16 surrogate'],
    ['a bell', 'a\u0007', 'U+0007'],
    ['an escape', '\u001b[31m', 'U+001B'],
    ['a delete', 'a\u007f', 'U+007F'],
    ['a C1 control', 'a\u0085', 'U+0085'],
  ])('refuses %s in any text', (_what, value, named) => {
    expect(textProblem(value, 'line')).toContain(named);
    expect(textProblem(value, 'lines')).toContain(named);
  });

  it.each(['\t', '\n', '\r', '\r\n'])('takes %j in prose only', (breakOrTab) => {
    expect(textProblem(`a${breakOrTab}b`, 'lines')).toBeUndefined();
    expect(textProblem(`a${breakOrTab}b`, 'line')).toBe('must be a single line: no tab or line break');
  });

  it.each(['Kari Nordmann', 'Æøå – «sitat» …', 'Hjerte 🫀', '\u00a0no-break space', ''])('takes %j', (value) => {
    expect(textProblem(value, 'line')).toBeUndefined();
  });
});

describe('withTextChecks', () => {
  const checked = withTextChecks(applicationSubmission) as Record<string, any>;

  it('checks every free string as one line, and leaves prose, enums and the original schema as declared', () => {
    expect(checked.properties.project.properties.title['x-text']).toBe('line');
    expect(checked.properties.project.properties.description['x-text']).toBe('lines');
    expect(checked.properties.dataSources.items.properties.variables.items['x-text']).toBe('line');
    expect(checked.properties.institution.properties.organisationNumber['x-text']).toBe('line');
    expect(checked.properties.applicationType['x-text']).toBeUndefined();
    expect((applicationSubmission.properties.project.properties.title as Record<string, unknown>)['x-text']).toBeUndefined();
  });
});

describe('the body validator', () => {
  const validate = validatorCompiler({ schema: deliveryRequest, method: 'POST', url: '/permits/:id/delivery-requests', httpPart: 'body' }) as ((data: unknown) => boolean) & {
    errors?: { instancePath: string; keyword: string; message: string }[];
  };
  const source = (registerId: string) => ({ registerId, variables: ['v'], period: { startDate: '2020-01-01', endDate: '2020-12-31' } });

  it('names each later item that repeats a register, by its own path', () => {
    expect(validate({ dataSources: [source('MFR'), source('NPR'), source('MFR')] })).toBe(false);
    expect(validate.errors).toEqual([expect.objectContaining({ keyword: 'x-unique-by', instancePath: '/dataSources/2/registerId', message: expect.stringContaining('item 0') })]);
  });

  it('checks the text of a nested string', () => {
    expect(validate({ dataSources: [source('MFR')], note: 'Linje 1\nLinje 2' })).toBe(true);
    expect(validate({ dataSources: [{ ...source('MFR'), variables: ['v\u0000'] }] })).toBe(false);
    expect(validate.errors).toEqual([expect.objectContaining({ keyword: 'x-text', instancePath: '/dataSources/0/variables/0' })]);
  });
});
