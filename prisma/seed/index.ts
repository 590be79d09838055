/**
 * The deterministic demo authority: about 300 looked-after children in 40 schools, with
 * the people who work with them, laid out around `today` so every concern the product
 * watches for is present on whatever day the demo runs. Same `today`, same data.
 */
import type { IsoDate } from "../../core/platform/dates.js";
import type { Db } from "../../core/platform/db.js";
import { planDemo } from "./plan.js";
import { type SeedSummary, writePlan } from "./write.js";

export { type CalendarRow, demoCalendar, demoCalendarRows } from "./calendar.js";
export { NAMED_CHILDREN, type NamedChild, type NamedKey } from "./named.js";
export { planDemo } from "./plan.js";
export { DEMO_SIGN_INS, demoAadObjectId } from "./professionals.js";
export { deleteAllRows } from "./reset.js";
export type { SeedPlan } from "./types.js";
export type { SeedSummary } from "./write.js";

export type SeedOptions = {
  /** The day the demo is laid out around (CLOCK_TODAY or London's date). */
  today: IsoDate;
  /** The authority's 3-digit LA code (AUTHORITY_LA_CODE). */
  laCode: string;
};

/** Writes the demo authority into `db` (expected empty) in one transaction. */
export async function seedDemo(db: Db, opts: SeedOptions): Promise<SeedSummary> {
  return writePlan(db, planDemo(opts.today, opts.laCode));
}
