// Working days after the Norwegian public-holiday calendar: statutory deadlines (30 or 60
// working days, helseregisterloven § 19 f) and the applicant's supplement deadlines (10 + 5)
// are counted in these. Saturdays, Sundays and public holidays (helligdager and 1 and 17 May)
// are not working days; Christmas Eve and New Year's Eve are.

export type IsoDate = string; // YYYY-MM-DD, a calendar day in Norway

// Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus).
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Helligdager (helligdagsloven § 2): New Year's Day, Maundy Thursday to Easter Monday,
// Ascension Day, Whit Sunday and Monday, Christmas Day and Boxing Day; and 1 and 17 May
// (lov om 1. og 17. mai som høgtidsdagar).
const fixedHolidays = ['01-01', '05-01', '05-17', '12-25', '12-26'];
const daysFromEaster = [-3, -2, 0, 1, 39, 49, 50];

const publicHolidaysByYear = new Map<number, Set<IsoDate>>();

function publicHolidays(year: number): Set<IsoDate> {
  let days = publicHolidaysByYear.get(year);
  if (!days) {
    const easter = easterSunday(year);
    const movable = daysFromEaster.map((offset) => addCalendarDays(easter, offset));
    days = new Set([...fixedHolidays.map((monthDay) => `${year}-${monthDay}`), ...movable]);
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

// The calendar day `days` days after `day` (before it when negative).
export function addCalendarDays(day: IsoDate, days: number): IsoDate {
  const date = parse(day);
  date.setUTCDate(date.getUTCDate() + days);
  return format(date);
}

// The same day `months` months after `day` (before it when negative), or that month's last day
// when it has no such day (31 January + 1 month is 28 or 29 February).
export function addCalendarMonths(day: IsoDate, months: number): IsoDate {
  const date = parse(day);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return format(target);
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

// The working day `count` working days before `to` (counting back from the day before it).
export function subtractWorkingDays(to: IsoDate, count: number): IsoDate {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`Working days must be a whole number >= 0, got ${count}`);
  const date = parse(to);
  let left = count;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() - 1);
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

// Made once: a formatter takes far longer to make than to use (intake computes a deadline for
// every case it receives).
const osloHourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hour: '2-digit', hourCycle: 'h23' });

// The last moment of a Norwegian calendar day, as an instant (for timers and deadlines).
export function endOfOsloDay(day: IsoDate): Date {
  const noonUtc = new Date(`${day}T12:00:00Z`);
  const osloNoon = osloHourFormat.format(noonUtc);
  const offsetHours = Number(osloNoon) - 12;
  return new Date(Date.parse(`${day}T23:59:59.999Z`) - offsetHours * 3600_000);
}

// A day as Norwegians write it: 26.02.2027.
export function norwegianDate(day: IsoDate): string {
  const [year, month, date] = day.split('-');
  return `${date}.${month}.${year}`;
}
