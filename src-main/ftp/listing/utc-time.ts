/**
 * Calendar helpers for listing dates. LIST output carries no time zone and the server's zone
 * is unknown to the client, so wall-clock times are read as UTC: that matches MDTM and MLSD
 * (RFC 3659 §2.3, always UTC), and keeps a re-list stable instead of shifting with the user's zone.
 */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= days;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const FIRST_CACHED_YEAR = 1900;
/** Start of each month of 1900..2199 in epoch ms, filled on first use: one Date.UTC per month, not per row. */
const MONTH_STARTS = new Float64Array(300 * 12).fill(NaN);

function monthStart(year: number, month: number): number {
  const index = (year - FIRST_CACHED_YEAR) * 12 + month - 1;
  if (index < 0 || index >= MONTH_STARTS.length) return Date.UTC(year, month - 1, 1);
  let start = MONTH_STARTS[index] ?? NaN;
  if (Number.isNaN(start)) start = MONTH_STARTS[index] = Date.UTC(year, month - 1, 1);
  return start;
}

/** Epoch ms, or null when any field is out of range (a garbled row, not a date). */
export function utcTime(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): number | null {
  if (!(year >= 1000 && year <= 9999) || !isValidDate(year, month, day)) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return null;
  // A leap second (":60") is shown as :59 rather than rolling into the next minute.
  const seconds = second === 60 ? 59 : second;
  return (
    monthStart(year, month) + (day - 1) * DAY + hour * HOUR + minute * MINUTE + seconds * 1000 + millisecond
  );
}

/**
 * `ls` prints "Mon DD HH:MM" only for files from the last six months, without the year.
 * Read in the current year first; a result more than ~6 months ahead of now can only be last year's
 * (180 days, a little under half a year, so a file stamped six months ago still lands in the past
 * even with a server clock or zone a day or two off).
 */
const FUTURE_LIMIT_MS = 180 * 24 * 60 * 60 * 1000;

export function timeWithoutYear(
  now: number,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
): number | null {
  const thisYear = utcTime(year, month, day, hour, minute);
  if (thisYear !== null && thisYear - now <= FUTURE_LIMIT_MS) return thisYear;
  // Feb 29 shown without a year in a non-leap year means the last leap year.
  for (let earlier = year - 1; earlier >= year - 8; earlier--) {
    const time = utcTime(earlier, month, day, hour, minute);
    if (time !== null) return time;
  }
  return null;
}

/** Two-digit years (DOS, OS/2, MVS): 70-99 are 19xx, 00-69 are 20xx. OS/2 also prints 100+ for 2000+. */
export function expandYear(year: number): number {
  if (year >= 1000) return year;
  if (year >= 100) return 1900 + year;
  return year < 70 ? 2000 + year : 1900 + year;
}
