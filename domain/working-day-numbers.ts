// Working days numbered one after another over a span of days, so that the forecast can count
// and add them as plain integers: the calendar work (weekends, Norwegian public holidays) is
// done once for the span, not for every case and day it simulates.
import { addCalendarDays, isWorkingDay, type IsoDate } from './working-days.ts';

export type WorkingDayNumbers = {
  // The number of the working day a calendar day falls on; a weekend or holiday counts as the
  // next working day (a case that moves on a Saturday is taken up on Monday).
  numberOf(day: IsoDate): number;
  // The calendar day of a working day's number.
  dayOf(number: number): IsoDate;
  first: IsoDate;
  last: IsoDate;
};

// Numbers the working days from `first` to `last`; `origin` (a day in the span) is number 0,
// or the working day after it when it is none, so earlier days count negative.
export function numberWorkingDays(first: IsoDate, last: IsoDate, origin: IsoDate): WorkingDayNumbers {
  const days: IsoDate[] = [];
  const numberByDay = new Map<IsoDate, number>();
  const pending: IsoDate[] = [];
  for (let day = first; day <= last; day = addCalendarDays(day, 1)) {
    pending.push(day);
    if (!isWorkingDay(day)) continue;
    for (const waiting of pending) numberByDay.set(waiting, days.length);
    pending.length = 0;
    days.push(day);
  }
  // Days after the last working day of the span count as one more.
  for (const waiting of pending) numberByDay.set(waiting, days.length);
  const shift = numberByDay.get(origin);
  if (shift === undefined) throw new RangeError(`${origin} is outside ${first}..${last}`);
  return {
    numberOf(day) {
      if (day < first) return -shift - 1;
      if (day > last) return days.length - shift;
      return numberByDay.get(day)! - shift;
    },
    dayOf(number) {
      const index = Math.min(Math.max(number + shift, 0), days.length - 1);
      return days[index]!;
    },
    first,
    last,
  };
}
