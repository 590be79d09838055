/**
 * The one place that reads the wall clock.
 *
 * Time is injected: rules take `today` as a parameter, services take a Clock, and every
 * date a person sees or a rule uses comes from `clock.today()` or `clock.now()`: a
 * follow-up date read from "Friday", an alert's `raisedAt` (escalation counts school
 * days from it), when an alert was answered or escalated, when an action was logged.
 * A fixed clock (CLOCK_TODAY) replays a given day: its `now()` falls on that day, so
 * both agree.
 *
 * `recordedAt()` is the only other reading: the real instant, for timestamps that say
 * when the system itself did something and that no rule or person reads as a date of the
 * child's record (createdAt, an audit row's `at`, a delivery's `sentAt`, migrations,
 * import runs). Queue and session timings (BullMQ delays, job versions, TTLs) measure
 * elapsed time, not dates: `elapsedMs()`.
 */
import { type IsoDate, instantText, londonDateOf, londonInstant, londonTimeOfDayMs } from "./dates.js";

export interface Clock {
  now(): Date;
  /** Today's date in England. */
  today(): IsoDate;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => londonDateOf(new Date()),
};

/**
 * A clock whose date is always `today`. `now()` is that day at the real time of day in
 * England (so instants still move forward and order events), or at `time` ("HH:MM",
 * England's wall clock) when given, for tests that need an exact instant.
 */
export function fixedClock(today: IsoDate, time?: string): Clock {
  const fixedMs = time === undefined ? undefined : timeOfDayMs(time);
  return {
    now: () => londonInstant(today, fixedMs ?? londonTimeOfDayMs(new Date())),
    today: () => today,
  };
}

/** The clock the settings ask for: CLOCK_TODAY replays a day, otherwise the system's. */
export function clockFor(config: { CLOCK_TODAY?: IsoDate }): Clock {
  return config.CLOCK_TODAY ? fixedClock(config.CLOCK_TODAY) : systemClock;
}

/** The real instant, for record-keeping timestamps only (see the module comment). */
export const recordedAt = (): Date => new Date();

/**
 * Milliseconds on the real clock, for timings that measure elapsed time and never a date:
 * BullMQ's delays (it counts on the real clock), job-id versions, session lifetimes.
 */
export const elapsedMs = (): number => Date.now();

/** `recordedAt()` as SQLite/PostgreSQL text, for raw inserts. */
export const recordedAtText = (): string => instantText(recordedAt());

function timeOfDayMs(time: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!m) throw new RangeError(`not a time of day (HH:MM): ${time}`);
  return (Number(m[1]) * 60 + Number(m[2])) * 60_000;
}
