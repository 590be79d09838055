/**
 * Whether a looked-after child is without a school place today, and for how many school
 * days: the one rule the status card (`daysWithoutSchoolPlace`, the `no_school_place`
 * flag), the caseload badge, the VSH's figures and the scan's alert all take, so the
 * count and the line crossed are the same everywhere. Pure.
 *
 * Decisions a Virtual School officer should know:
 * - Only a child in the cohort (looked after, not for short breaks: care.ts) and of
 *   compulsory school age today can be "without a school place": a child below it (or
 *   past it) is tracked, but not as missing school.
 * - The count is of school days on the child's calendar, today included, from the latest
 *   of: the day compulsory school age began (the prescribed day on or after the fifth
 *   birthday: school-age.ts), the day the child became looked after (the Virtual School's
 *   duty starts then), and the day after the last place ended.
 * - A place agreed to start on or before the next school day misses no school day: a
 *   child who left one school in July and starts at the next on the first day of the
 *   autumn term is not "without a place" over the summer (no flag, no count, no figure).
 *   Once a school day has been missed, the count stands until the place starts.
 * - One line, `noPlaceSchoolDays` (20): a place is due within that many school days, so
 *   from the 20th school day without one the line is crossed (red on the card, the alert
 *   to the VSH and the social worker); before it the card shows the count in amber.
 */
import { addWorkingDays, type CompiledCalendar, nextSchoolDay, schoolDaysBetween } from "../calendar/school-days.js";
import { addDays, type IsoDate, maxDate } from "../platform/dates.js";
import type { Policy } from "../policy.js";
import { compulsorySchoolAgeStarts, isOfCompulsorySchoolAge } from "./school-age.js";

/** What the rule reads: the status, the bulk judgements and the scan each hold these. */
export type PlaceFacts = {
  /** Holds a place today (a place that starts later is not one yet). */
  onRoll: boolean;
  /** Unknown: the age bounds are not applied. */
  dateOfBirth: IsoDate | null;
  /** The start of the Virtual School's duty (care.ts `dutySince`); null when not in the cohort. */
  careSince: IsoDate | null;
  /** The day the last place ended before today. */
  lastPlaceEnded: IsoDate | null;
  /** The day the next agreed place starts (after today). */
  nextPlaceFrom: IsoDate | null;
};

export type SchoolPlaceJudgement =
  | { kind: "on_roll" }
  /** Not counted as without a place: outside the cohort or school age, or the next place starts in time. */
  | { kind: "not_counted"; why: "not_in_cohort" | "outside_school_age" | "next_place_in_time" }
  | {
      kind: "without_place";
      /** The first day counted: the alert's period, so a new spell alerts again. */
      since: IsoDate;
      /** School days without a place from `since` to today, both included. */
      schoolDays: number;
      /** `noPlaceSchoolDays` reached: red on the card, the alert raised. */
      overdue: boolean;
      nextPlaceFrom: IsoDate | null;
    };

/** The one line: a place is due within `noPlaceSchoolDays`, so that many days without one crosses it. */
export const placeOverdue = (schoolDays: number, policy: Pick<Policy, "noPlaceSchoolDays">): boolean =>
  schoolDays >= policy.noPlaceSchoolDays;

/** The first school day after today; past the calendar data, the next working day stands in. */
const nextDayOfSchool = (cal: CompiledCalendar, today: IsoDate): IsoDate =>
  nextSchoolDay(cal, today) ?? addWorkingDays(today, 1, new Set());

export function schoolPlace(
  facts: PlaceFacts,
  cal: CompiledCalendar,
  today: IsoDate,
  policy: Pick<Policy, "noPlaceSchoolDays">,
): SchoolPlaceJudgement {
  if (facts.onRoll) return { kind: "on_roll" };
  const { careSince, dateOfBirth, lastPlaceEnded, nextPlaceFrom } = facts;
  if (careSince === null || careSince > today) return { kind: "not_counted", why: "not_in_cohort" };
  if (dateOfBirth !== null && !isOfCompulsorySchoolAge(dateOfBirth, today))
    return { kind: "not_counted", why: "outside_school_age" };
  let since = careSince;
  if (dateOfBirth !== null) since = maxDate(since, compulsorySchoolAgeStarts(dateOfBirth));
  if (lastPlaceEnded !== null) since = maxDate(since, addDays(lastPlaceEnded, 1));
  const schoolDays = schoolDaysBetween(cal, since, today);
  if (schoolDays === 0 && nextPlaceFrom !== null && nextPlaceFrom <= nextDayOfSchool(cal, today))
    return { kind: "not_counted", why: "next_place_in_time" };
  return { kind: "without_place", since, schoolDays, overdue: placeOverdue(schoolDays, policy), nextPlaceFrom };
}

/** The status's `daysWithoutSchoolPlace`: 0 on roll, the count without a place, null when not counted. */
export function daysWithoutSchoolPlace(judgement: SchoolPlaceJudgement): number | null {
  if (judgement.kind === "on_roll") return 0;
  return judgement.kind === "without_place" ? judgement.schoolDays : null;
}
