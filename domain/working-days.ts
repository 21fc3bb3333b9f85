// Working days after the Norwegian public-holiday calendar: statutory deadlines (30 or 60
// working days, helseregisterloven § 19 f) and the applicant's supplement deadlines (10 + 5)
// are counted in these. Saturdays, Sundays and public holidays (helligdager and 1 and 17 May)
// are not working days; Christmas Eve and New Year's Eve are.
import Holidays from 'date-holidays';

export type IsoDate = string; // YYYY-MM-DD, a calendar day in Norway

const holidays = new Holidays('NO');
const publicHolidaysByYear = new Map<number, Set<IsoDate>>();

function publicHolidays(year: number): Set<IsoDate> {
  let days = publicHolidaysByYear.get(year);
  if (!days) {
    days = new Set(holidays.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    publicHolidaysByYear.set(year, days);
  }
  return days;
}

function parse(day: IsoDate): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`Not a calendar day: ${day}`);
  return new Date(`${day}T00:00:00Z`);
}

function format(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

export function isWorkingDay(day: IsoDate): boolean {
  const date = parse(day);
  const weekday = date.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !publicHolidays(date.getUTCFullYear()).has(day);
}

// The day on which a period of `count` working days, starting the day after `from`, ends.
export function addWorkingDays(from: IsoDate, count: number): IsoDate {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`Working days must be a whole number >= 0, got ${count}`);
  const date = parse(from);
  let left = count;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (isWorkingDay(format(date))) left -= 1;
  }
  return format(date);
}

// Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier.
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  if (to < from) return -workingDaysBetween(to, from);
  const date = parse(from);
  let count = 0;
  while (format(date) < to) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (isWorkingDay(format(date))) count += 1;
  }
  return count;
}

// Made once: a formatter costs far more to make than to use, and the forecast asks for the
// day of every step of the past year.
const osloDayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });

// The calendar day in Norway of an instant.
export function osloDay(instant: Date): IsoDate {
  return osloDayFormat.format(instant);
}

// The last moment of a Norwegian calendar day, as an instant (for timers and deadlines).
export function endOfOsloDay(day: IsoDate): Date {
  const noonUtc = new Date(`${day}T12:00:00Z`);
  const osloNoon = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hour: '2-digit', hourCycle: 'h23' }).format(noonUtc);
  const offsetHours = Number(osloNoon) - 12;
  return new Date(Date.parse(`${day}T23:59:59.999Z`) - offsetHours * 3600_000);
}

// A day as Norwegians write it: 26.02.2027.
export function norwegianDate(day: IsoDate): string {
  const [year, month, date] = day.split('-');
  return `${date}.${month}.${year}`;
}
