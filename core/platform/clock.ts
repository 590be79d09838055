/**
 * Time is injected: rules take `today` as a parameter, services take a Clock. A fixed
 * clock (CLOCK_TODAY) lets a demo or a test replay a given day.
 */
import { type IsoDate, londonDateOf } from "./dates.js";

export interface Clock {
  now(): Date;
  /** Today's date in England. */
  today(): IsoDate;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => londonDateOf(new Date()),
};

/** A clock whose date is always `today`; the time of day still moves (for ordering). */
export function fixedClock(today: IsoDate): Clock {
  return { now: () => new Date(), today: () => today };
}
