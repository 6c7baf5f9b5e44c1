import type { ListingContext } from './listing-context.js';
import type { LineTokens } from './line-tokens.js';
import { monthAt } from './month-names.js';
import { digitCounts, numbers, numbersEnd, separators, splitNumbers } from './numeric-fields.js';
import { timeWithoutYear, utcTime } from './utc-time.js';

/**
 * Finds the date columns of an `ls -l`-style row (Unix, NetWare) starting at field `index`:
 *   `Mon DD HH:MM`, `Mon DD YYYY`, `DD Mon HH:MM` / `DD. Mon YYYY` (German, Swedish, Russian ls),
 *   `Mon DD YYYY HH:MM`, `Mon DD HH:MM:SS YYYY` (ls -T), `YYYY-MM-DD HH:MM[:SS[.n]] [+HHMM]` (long-iso/full-iso).
 * On success `lsDate.time` holds epoch ms and `lsDate.last` the index of the last date field.
 */
export const lsDate = { time: 0, last: -1 };

const COLON = 58;

let clockHour = 0;
let clockMinute = 0;
let clockSecond = 0;
let clockHadSeconds = false;

/** H:MM or HH:MM[:SS[.fraction]]; sets the clock fields. */
function readClock(t: LineTokens, index: number): boolean {
  const start = t.start(index);
  const end = t.end(index);
  const count = splitNumbers(t.line, start, end);
  if (count < 2 || separators[0] !== COLON || (digitCounts[0] ?? 0) > 2 || digitCounts[1] !== 2) return false;
  clockHour = numbers[0] ?? 0;
  clockMinute = numbers[1] ?? 0;
  clockSecond = 0;
  clockHadSeconds = count >= 3;
  if (count >= 3) {
    if (separators[1] !== COLON || digitCounts[2] !== 2) return false;
    clockSecond = numbers[2] ?? 0;
    // `--full-time` prints nanoseconds: 12:34:56.123456789
    if (count > 4 || (count === 4 && separators[2] !== 46)) return false;
  }
  return numbersEnd === end && clockHour < 24 && clockMinute < 60;
}

function readYear(t: LineTokens, index: number): number {
  if (t.length(index) !== 4) return -1;
  const year = t.integer(index);
  return year >= 1900 && year <= 2200 ? year : -1;
}

/** 1..31, also `5.` as German ls prints it. */
function readDay(t: LineTokens, index: number): number {
  const length = t.length(index);
  if (length === 0 || length > 3) return -1;
  const c0 = t.code(index, 0);
  if (c0 < 48 || c0 > 57) return -1;
  let day = c0 - 48;
  for (let i = 1; i < length; i++) {
    const c = t.code(index, i);
    if (c >= 48 && c <= 57 && i === 1) day = day * 10 + (c - 48);
    else if (c === 46 && i === length - 1) break;
    else return -1;
  }
  return day >= 1 && day <= 31 ? day : -1;
}

/** Zone offset like +0100 / -0530 as ms, or NaN. */
function readZone(t: LineTokens, index: number): number {
  if (index >= t.count || t.length(index) !== 5) return NaN;
  const sign = t.code(index, 0);
  if (sign !== 43 && sign !== 45) return NaN;
  let value = 0;
  for (let i = 1; i < 5; i++) {
    const c = t.code(index, i);
    if (c < 48 || c > 57) return NaN;
    value = value * 10 + (c - 48);
  }
  const minutes = Math.floor(value / 100) * 60 + (value % 100);
  return (sign === 45 ? -1 : 1) * minutes * 60_000;
}

/** Month, day, then a clock or a year at index+2 (plus optional extra fields); a name field must follow. */
function finish(t: LineTokens, index: number, month: number, day: number, context: ListingContext): boolean {
  const third = index + 2;
  const lastForDate = t.count - 2;
  if (third > lastForDate) return false;
  const year = readYear(t, third);
  if (year > 0) {
    // "Jan 01 2020 12:34": some Windows-hosted servers add the time after the year.
    if (third + 1 <= lastForDate && readClock(t, third + 1)) {
      return setDate(utcTime(year, month, day, clockHour, clockMinute, clockSecond), third + 1);
    }
    return setDate(utcTime(year, month, day), third);
  }
  if (!readClock(t, third)) return false;
  // `ls -T` (BSD) prints seconds and then the year: Jan  1 12:34:56 2020
  if (clockHadSeconds && third + 1 <= lastForDate) {
    const fullYear = readYear(t, third + 1);
    if (fullYear > 0) {
      return setDate(utcTime(fullYear, month, day, clockHour, clockMinute, clockSecond), third + 1);
    }
  }
  const time = timeWithoutYear(context.now, context.nowYear, month, day, clockHour, clockMinute);
  return setDate(time === null ? null : time + clockSecond * 1000, third);
}

function setDate(time: number | null, last: number): boolean {
  if (time === null) return false;
  lsDate.time = time;
  lsDate.last = last;
  return true;
}

function readIso(t: LineTokens, index: number): boolean {
  if (t.length(index) !== 10 || index + 1 > t.count - 2) return false;
  const count = splitNumbers(t.line, t.start(index), t.end(index));
  if (count !== 3 || separators[0] !== 45 || separators[1] !== 45 || digitCounts[0] !== 4) return false;
  const year = numbers[0] ?? 0;
  const month = numbers[1] ?? 0;
  const day = numbers[2] ?? 0;
  if (!readClock(t, index + 1)) return false;
  const base = utcTime(year, month, day, clockHour, clockMinute, clockSecond);
  if (base === null) return false;
  const zone = index + 2 <= t.count - 2 ? readZone(t, index + 2) : NaN;
  return Number.isNaN(zone) ? setDate(base, index + 1) : setDate(base - zone, index + 2);
}

/** Tries the date layouts at field `index`. */
export function readLsDate(t: LineTokens, index: number, context: ListingContext): boolean {
  if (index > t.count - 3) return false;
  const c0 = t.code(index, 0);
  // CJK locales print the month as digits plus 月 ("5月 10 12:34"): month-first like English.
  if (c0 < 48 || c0 > 57 || t.code(index, t.length(index) - 1) === 0x6708) {
    const day = readDay(t, index + 1);
    if (day < 0) return false;
    const month = monthAt(t.line, t.start(index), t.end(index));
    return month > 0 && finish(t, index, month, day, context);
  }
  const day = readDay(t, index);
  if (day > 0) {
    const month = monthAt(t.line, t.start(index + 1), t.end(index + 1));
    if (month > 0) return finish(t, index, month, day, context);
  }
  return readIso(t, index);
}
