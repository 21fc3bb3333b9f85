import { describe, expect, it } from 'vitest';
import { appealDeadline, statutoryDeadline, workingDaysAfter } from '../../../domain/deadlines.ts';

describe('deadlines', () => {
  const monday = new Date('2026-11-23T09:00:00+01:00');

  it('gives 30 working days, or 60 when sources are linked, ending at midnight in Norway', () => {
    const single = statutoryDeadline(monday, false);
    expect(single).toMatchObject({ workingDays: 30, startsOn: '2026-11-23' });
    expect(single.dueAt.toISOString()).toBe('2027-01-06T22:59:59.999Z');
    expect(statutoryDeadline(monday, true).workingDays).toBe(60);
  });

  it('warns five working days before the statutory deadline', () => {
    const { warnAt } = statutoryDeadline(monday, false);
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
