// The limits EHDS sets on a permit's period (Regulation (EU) 2025/327 Art. 68(12)), as the
// approver meets them at the decision: at most 10 years (permit-duration); an extension once
// (permit-extension), by up to 10 years, asked for at least a month before the end
// (permit-extension-request). Norwegian permits have none of them.
import { describe, expect, it } from 'vitest';
import { extensionCount, permitPeriodProblem } from '../../../domain/permit/period-limits.ts';

const article = 'forordning (EU) 2025/327 art. 68 nr. 12';

describe('permitPeriodProblem for a new permit', () => {
  it('allows 10 years from the start under EHDS, to the same day ten years on', () => {
    expect(permitPeriodProblem({ rulebook: 'ehds', period: { startDate: '2030-01-01', endDate: '2040-01-01' }, receivedOn: '2029-06-01' })).toBeNull();
  });

  it('refuses a day more under EHDS, naming the last day the permit may run and the article', () => {
    const problem = permitPeriodProblem({ rulebook: 'ehds', period: { startDate: '2030-01-01', endDate: '2040-01-02' }, receivedOn: '2029-06-01' });
    expect(problem).toBe(`En tillatelse kan gjelde i høyst 10 år (${article}). Tillatelsen starter 01.01.2030 og kan gjelde til og med 01.01.2040, ikke til 02.01.2040. Sett en tidligere sluttdato. Ingenting er registrert.`);
  });

  it('counts ten years from 29 February to 28 February', () => {
    expect(permitPeriodProblem({ rulebook: 'ehds', period: { startDate: '2028-02-29', endDate: '2038-02-28' }, receivedOn: '2028-01-01' })).toBeNull();
    expect(permitPeriodProblem({ rulebook: 'ehds', period: { startDate: '2028-02-29', endDate: '2038-03-01' }, receivedOn: '2028-01-01' })).toMatch(/til og med 28\.02\.2038/);
  });

  it('sets no limit under the Norwegian rules', () => {
    expect(permitPeriodProblem({ rulebook: 'norwegian', period: { startDate: '2030-01-01', endDate: '2060-12-31' }, receivedOn: '2029-06-01' })).toBeNull();
  });
});

describe('permitPeriodProblem for a change to a permit', () => {
  const amended = { endsOn: '2035-06-30', extensions: 0 };
  const change = (endDate: string, receivedOn = '2035-01-10', extensions = 0) =>
    permitPeriodProblem({ rulebook: 'ehds', period: { startDate: '2025-07-01', endDate }, amended: { ...amended, extensions }, receivedOn });

  it('allows one extension by up to 10 years, asked for a month before the end', () => {
    expect(change('2045-06-30')).toBeNull();
    // Received on the last day to ask: a month before 30 June is 30 May.
    expect(change('2040-06-30', '2035-05-30')).toBeNull();
  });

  it('is no extension when the end does not move later, whatever came before', () => {
    expect(change('2035-06-30', '2035-06-20', 1)).toBeNull();
    expect(change('2034-12-31', '2035-06-20', 1)).toBeNull();
  });

  it('refuses an extension by more than 10 years', () => {
    expect(change('2045-07-01')).toBe(`Tillatelsen kan forlenges med høyst 10 år (${article}): fra 30.06.2035 til senest 30.06.2045, ikke til 01.07.2045. Avslå forlengelsen, eller behold sluttdatoen 30.06.2035. Ingenting er registrert.`);
  });

  it('refuses a second extension', () => {
    expect(change('2036-06-30', '2035-01-10', 1)).toBe(`Tillatelsen er allerede forlenget én gang, og kan bare forlenges én gang (${article}). Avslå forlengelsen, eller behold sluttdatoen 30.06.2035. Ingenting er registrert.`);
  });

  it('refuses an extension asked for later than a month before the end, naming the last day to ask', () => {
    expect(change('2036-06-30', '2035-05-31')).toBe(
      `Søknaden om forlengelse kom 31.05.2035, men måtte komme senest 1 måned før tillatelsen utløper 30.06.2035, det vil si innen 30.05.2035 (${article}). Avslå forlengelsen, eller behold sluttdatoen 30.06.2035. Ingenting er registrert.`,
    );
  });

  it('gives every reason at once', () => {
    const problem = change('2050-01-01', '2035-06-29', 2);
    expect(problem).toMatch(/allerede forlenget 2 ganger/);
    expect(problem).toMatch(/Søknaden om forlengelse kom 29\.06\.2035/);
    expect(problem).toMatch(/forlenges med høyst 10 år/);
  });

  it('sets no limit on a Norwegian permit', () => {
    expect(permitPeriodProblem({ rulebook: 'norwegian', period: { startDate: '2025-07-01', endDate: '2070-01-01' }, amended: { ...amended, extensions: 3 }, receivedOn: '2035-06-29' })).toBeNull();
  });
});

describe('extensionCount', () => {
  it('counts the versions whose end is later than every one before', () => {
    expect(extensionCount([])).toBe(0);
    expect(extensionCount(['2030-12-31'])).toBe(0);
    expect(extensionCount(['2030-12-31', '2030-12-31', '2029-12-31'])).toBe(0);
    expect(extensionCount(['2030-12-31', '2031-12-31'])).toBe(1);
    // Shortened, then back to the first end: no extension; then beyond it: one.
    expect(extensionCount(['2030-12-31', '2029-12-31', '2030-12-31', '2032-12-31'])).toBe(1);
  });
});
