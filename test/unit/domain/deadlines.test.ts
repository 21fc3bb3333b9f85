import { describe, expect, it } from 'vitest';
import { appealDeadline, workingDaysAfter } from '../../../domain/deadlines.ts';
import { statutoryClock } from '../../../domain/rulebook/statutory-clock.ts';

describe('deadlines', () => {
  const monday = new Date('2026-11-23T09:00:00+01:00');

  it('gives 30 working days, or 60 when sources are linked, ending at midnight in Norway', () => {
    const single = statutoryClock('norwegian', { sourcesLinked: false, publicHealthMandate: false }, monday);
    expect(single).toMatchObject({ rule: { id: 'decision', value: 30, unit: 'working-days' }, startsOn: '2026-11-23' });
    expect(single.dueAt.toISOString()).toBe('2027-01-06T22:59:59.999Z');
    expect(statutoryClock('norwegian', { sourcesLinked: true, publicHealthMandate: false }, monday).rule).toMatchObject({ id: 'decision-linked', value: 60 });
  });

  it('warns five working days before the statutory deadline', () => {
    const { warnAt } = statutoryClock('norwegian', { sourcesLinked: false, publicHealthMandate: false }, monday);
    expect(warnAt.toISOString()).toBe(workingDaysAfter(monday, 25).toISOString());
  });

  it('gives the applicant 10 working days to supply what is missing', () => {
    expect(workingDaysAfter(monday, 10).toISOString()).toBe('2026-12-07T22:59:59.999Z');
  });

  it('gives three weeks to appeal', () => {
    expect(appealDeadline('2026-11-23')).toBe('2026-12-14');
    expect(appealDeadline('2026-12-20')).toBe('2027-01-10');
  });
});
