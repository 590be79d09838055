/**
 * The deterministic demo authority: 300 children (almost all looked after, a few who
 * have left care or are on short breaks) in 45 schools and settings, with the people who
 * work with them, laid out around `today` so every concern the product watches for is
 * present on whatever day the demo runs. Same `today` (and `now`), same data.
 */
import type { IsoDate } from "../../core/platform/dates.js";
import type { Db } from "../../core/platform/db.js";
import type { Policy } from "../../core/policy.js";
import { planDemo } from "./plan.js";
import { type SeedSummary, writePlan } from "./write.js";

export { type CalendarRow, demoCalendar, demoCalendarRows, demoTermDates, type TermDateVariant } from "./calendar.js";
export { NAMED_CHILDREN, type NamedChild, type NamedKey } from "./named.js";
export { planDemo } from "./plan.js";
export { DEMO_SIGN_INS, demoAadObjectId } from "./professionals.js";
export { type LaterRegisterOptions, writeClosedRegisters } from "./registers-later.js";
export { deleteAllRows } from "./reset.js";
export type { SeedPlan } from "./types.js";
export type { SeedSummary } from "./write.js";

export type SeedOptions = {
  /** The day the demo is laid out around (CLOCK_TODAY or London's date). */
  today: IsoDate;
  /** The authority's 3-digit LA code (AUTHORITY_LA_CODE). */
  laCode: string;
  /**
   * The Clock's `now()`: today's registers that have not closed by then (policy
   * `registerMorningClosesAt`, `registerAfternoonClosesAt`) get no marks. Left out, the
   * whole of `today` has passed (a day replayed in full).
   */
  now?: Date;
  /** The authority's policy (its closing times, PEP ages and intervals); the national defaults if left out. */
  policy?: Policy;
};

/** Writes the demo authority into `db` (expected empty) in one transaction. */
export async function seedDemo(db: Db, opts: SeedOptions): Promise<SeedSummary> {
  return writePlan(db, planDemo(opts.today, opts.laCode, { now: opts.now, policy: opts.policy }));
}
