import { describe, expect, it } from 'vitest';
import { addWorkingDays, easterSunday, endOfOsloDay, isWorkingDay, norwegianDate, osloDay, workingDaysBetween } from '../../../domain/working-days.ts';

describe('isWorkingDay', () => {
  it('counts ordinary weekdays', () => {
    expect(isWorkingDay('2026-11-23')).toBe(true); // Monday
    expect(isWorkingDay('2026-12-24')).toBe(true); // Christmas Eve is not a public holiday
  });

  it('skips weekends and public holidays', () => {
    expect(isWorkingDay('2026-11-22')).toBe(false); // Sunday
    expect(isWorkingDay('2026-11-21')).toBe(false); // Saturday
    for (const day of ['2026-01-01', '2026-04-02', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25', '2026-12-25']) {
      expect(isWorkingDay(day), day).toBe(false);
    }
  });

  it('rejects what is not a calendar day', () => {
    expect(() => isWorkingDay('22.11.2026')).toThrow(RangeError);
  });

  it('knows every public holiday of a year, and only those', () => {
    const holidays: string[] = [];
    for (let d = new Date(Date.UTC(2027, 0, 1)); d.getUTCFullYear() === 2027; d.setUTCDate(d.getUTCDate() + 1)) {
      const day = d.toISOString().slice(0, 10);
      if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !isWorkingDay(day)) holidays.push(day);
    }
    // Weekdays only: 1 May, Whit Sunday and both Christmas days fall on weekends, and Whit
    // Monday is 17 May.
    expect(holidays).toEqual(['2027-01-01', '2027-03-25', '2027-03-26', '2027-03-29', '2027-05-06', '2027-05-17']);
  });
});

describe('easterSunday', () => {
  it('follows the Gregorian computus, early and late Easters included', () => {
    expect(['2024', '2025', '2026', '2027', '2038', '2285', '1818'].map((y) => easterSunday(Number(y)))).toEqual([
      '2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28', '2038-04-25', '2285-03-22', '1818-03-22',
    ]);
  });
});

describe('addWorkingDays', () => {
  it('counts from the day after', () => {
    expect(addWorkingDays('2026-11-23', 1)).toBe('2026-11-24');
    expect(addWorkingDays('2026-11-20', 1)).toBe('2026-11-23'); // Friday to Monday
    expect(addWorkingDays('2026-11-23', 0)).toBe('2026-11-23');
  });

  it('steps over Easter and Christmas', () => {
    expect(addWorkingDays('2026-04-01', 1)).toBe('2026-04-07'); // Maundy Thursday to Easter Monday off
    expect(addWorkingDays('2026-12-23', 2)).toBe('2026-12-28'); // 24th works, 25th and 26th off
  });

  it('gives the statutory 30 working day deadline across Christmas and New Year', () => {
    // From Monday 7 Dec 2026: 17 working days to the end of 2026 (25 Dec off), then 13 in
    // January 2027 (1 Jan off).
    expect(addWorkingDays('2026-12-07', 30)).toBe('2027-01-20');
    expect(workingDaysBetween('2026-12-07', '2027-01-20')).toBe(30);
  });

  it('rejects a negative or fractional count', () => {
    expect(() => addWorkingDays('2026-11-23', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-11-23', 1.5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('is the inverse of addWorkingDays', () => {
    for (const n of [1, 5, 10, 15, 30, 60]) {
      expect(workingDaysBetween('2026-03-02', addWorkingDays('2026-03-02', n))).toBe(n);
    }
  });

  it('is negative when the end is before the start', () => {
    expect(workingDaysBetween('2026-11-24', '2026-11-23')).toBe(-1);
  });
});

describe('Oslo days', () => {
  it('finds the Norwegian calendar day of an instant', () => {
    expect(osloDay(new Date('2026-11-22T23:30:00Z'))).toBe('2026-11-23'); // UTC+1 in winter
    expect(osloDay(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01'); // UTC+2 in summer
  });

  it('ends a day at midnight Norwegian time, in winter and summer', () => {
    expect(endOfOsloDay('2026-11-23').toISOString()).toBe('2026-11-23T22:59:59.999Z');
    expect(endOfOsloDay('2026-07-01').toISOString()).toBe('2026-07-01T21:59:59.999Z');
  });
});

describe('norwegianDate', () => {
  it('writes a day as day.month.year', () => {
    expect(norwegianDate('2027-02-26')).toBe('26.02.2027');
    expect(norwegianDate('2026-12-01')).toBe('01.12.2026');
  });
});
