/**
 * Calendar dates as ISO strings ("YYYY-MM-DD"). School facts are whole days in
 * England, so dates carry no time or zone; arithmetic is done in UTC to avoid
 * daylight-saving surprises. Pure: no clock, no I/O.
 */
import { z } from "zod";

/** A calendar date, "YYYY-MM-DD". */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days in `month` (1–12) of `year`, Gregorian. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The year, month and day of a YYYY-MM-DD string that is a real date, else null. Years
 * before 100 are refused, as Date.UTC reads them as 1900 + year. Arithmetic on the
 * characters, not a Date: the rules convert dates many thousands of times a request.
 */
function partsOf(s: string): [number, number, number] | null {
  if (s.length !== 10 || !ISO_DATE.test(s)) return null;
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(5, 7));
  const day = Number(s.slice(8, 10));
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return [year, month, day];
}

/** True when `s` is a real calendar date written as YYYY-MM-DD (rejects 2025-02-30). */
export function isIsoDate(s: string): boolean {
  return partsOf(s) !== null;
}

/** zod schema for an ISO date with a message a person can act on. */
export const isoDateSchema = z.string().refine(isIsoDate, { message: "must be a real date written as YYYY-MM-DD" });

/**
 * Dates already read and written, both ways: the rules do date arithmetic on the same few
 * hundred dates (a school year's marks) for every child, and parsing and formatting were a
 * quarter of a status's rules. Bounded: a full memo starts again rather than grow.
 */
const MEMO_LIMIT = 8_192;
const msOfDate = new Map<string, number>();
const dateOfMs = new Map<number, IsoDate>();

function remember<K, V>(memo: Map<K, V>, key: K, value: V): V {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

function toUtcMs(date: IsoDate): number {
  const known = msOfDate.get(date);
  if (known !== undefined) return known;
  const parts = partsOf(date);
  if (!parts) throw new RangeError(`not an ISO date: ${date}`);
  return remember(msOfDate, date, Date.UTC(parts[0], parts[1] - 1, parts[2]));
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** The UTC date of `ms` (midnight, as toUtcMs gives) as YYYY-MM-DD. */
function fromUtcMs(ms: number): IsoDate {
  return dateOfMs.get(ms) ?? remember(dateOfMs, ms, civilDate(ms));
}

/** The UTC date of `ms` as YYYY-MM-DD (days to civil date: H. Hinnant's algorithm, no Date made). */
function civilDate(ms: number): IsoDate {
  const z = Math.floor(ms / DAY_MS) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1_460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  // Outside four-digit years (or not a number), as Date writes them.
  if (!(year >= 1_000 && year <= 9_999)) return new Date(ms).toISOString().slice(0, 10);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const d = new Date(toUtcMs(date));
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return fromUtcMs(target.getTime());
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b);
export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b);

/** Every date from `from` to `to`, both included (empty when `to` < `from`). */
export function eachDay(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let ms = toUtcMs(from), end = toUtcMs(to); ms <= end; ms += DAY_MS) out.push(fromUtcMs(ms));
  return out;
}

const londonDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar date in England at instant `now` (en-CA formats as YYYY-MM-DD). */
export function londonDateOf(now: Date): IsoDate {
  return londonDate.format(now);
}

/**
 * The English school (academic) year a date falls in, named by the year it starts:
 * 1 Aug 2026 – 31 Jul 2027 is 2026 (the census convention in DOMAIN.md).
 */
export function schoolYearOf(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  return date.slice(5) >= "08-01" ? year : year - 1;
}

/** First and last day of school year `startYear` (1 Aug – 31 Jul). */
export function schoolYearBounds(startYear: number): { start: IsoDate; end: IsoDate } {
  return { start: `${startYear}-08-01`, end: `${startYear + 1}-07-31` };
}

const DISPLAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** "23 Nov 2026": how dates are shown to people. */
export function formatDate(date: IsoDate): string {
  return DISPLAY.format(new Date(toUtcMs(date)));
}

const LONDON_PARTS = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
});

const HOUR_MS = 3_600_000;
/** Offsets already worked out, by hour since the epoch (UTC). */
const OFFSETS = new Map<number, number>();
const OFFSETS_KEPT = 4_096;

/**
 * Minutes England is ahead of UTC at `now`: 0 in winter (GMT), 60 in summer (BST).
 * England's clocks change on a whole hour of UTC (01:00), so the offset is the same for
 * a whole UTC hour: it is worked out once per hour (Intl's formatToParts, ~20 µs) and
 * remembered (every clock.now() asks, several times a request).
 */
export function londonOffsetMinutes(now: Date): number {
  const ms = now.getTime();
  const hour = Math.floor(ms / HOUR_MS);
  const known = OFFSETS.get(hour);
  if (known !== undefined) return known;
  const parts = LONDON_PARTS.formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"));
  const offset = Math.round((wall - Math.floor(ms / 60_000) * 60_000) / 60_000);
  if (Number.isNaN(offset)) return offset;
  if (OFFSETS.size >= OFFSETS_KEPT) OFFSETS.delete(OFFSETS.keys().next().value as number);
  OFFSETS.set(hour, offset);
  return offset;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** "Fri 27 Nov 2026": for follow-up dates, where the weekday is what people said. */
export function formatDateWithWeekday(date: IsoDate): string {
  return `${WEEKDAYS[dayOfWeek(date)]} ${formatDate(date)}`;
}

/** Milliseconds since midnight on England's wall clock at instant `now`. */
export function londonTimeOfDayMs(now: Date): number {
  const wall = now.getTime() + londonOffsetMinutes(now) * 60_000;
  return ((wall % DAY_MS) + DAY_MS) % DAY_MS;
}

/**
 * The instant at which England's wall clock reads `msOfDay` after midnight on `date`.
 * In the hour skipped when the clocks go forward it gives the instant an hour later on
 * the wall; in the hour repeated when they go back, the first (BST) one. The instant is
 * always on `date` in England.
 */
export function londonInstant(date: IsoDate, msOfDay: number): Date {
  const wall = toUtcMs(date) + msOfDay;
  // England is UTC+0 or UTC+1: try the summer offset first, then winter.
  for (const offsetMinutes of [60, 0]) {
    const instant = new Date(wall - offsetMinutes * 60_000);
    if (londonOffsetMinutes(instant) === offsetMinutes) return instant;
  }
  return new Date(wall); // the skipped hour: GMT reading, an hour later on the wall
}

/** An instant as Prisma stores DateTime in SQLite (ISO text with an explicit offset), for raw SQL. */
export function instantText(at: Date): string {
  return at.toISOString().replace("Z", "+00:00");
}
