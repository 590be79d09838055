/** A looked-after child without a school place (see core/children for the rule the card shares). */

import { schoolDaysBetween } from "../calendar/school-days.js";
import { compulsorySchoolAgeStarts, isOfCompulsorySchoolAge } from "../children/school-age.js";
import { addDays, maxDate } from "../platform/dates.js";
import type { AlertContext, AlertFinding } from "./alert.rules.js";
import type { ScanFacts } from "./alert.types.js";

/** Not on roll today (a place that starts later is not one yet): the no-place rule. */
export function placeAlerts(facts: ScanFacts, ctx: AlertContext): AlertFinding[] {
  if (facts.onRoll !== null && facts.onRoll.fromDate <= ctx.today) return [];
  return noSchoolPlace(facts, ctx);
}

/**
 * A looked-after child of compulsory school age without a place for more than
 * `noPlaceSchoolDays` school days ("no drift and delay"). The clock starts on the latest of:
 * the day after the last place ended, the day the child became looked after, and the day
 * compulsory school age began (a child who has just turned five was not missing school
 * before). That start is the period, so a new spell without a place alerts again.
 */
function noSchoolPlace(facts: ScanFacts, ctx: AlertContext): AlertFinding[] {
  const { today } = ctx;
  const since = facts.lookedAfterSince;
  if (since === null || since > today || !isOfCompulsorySchoolAge(facts.dateOfBirth, today)) return [];
  let from = maxDate(since, compulsorySchoolAgeStarts(facts.dateOfBirth));
  if (facts.lastPlaceEnded !== null) from = maxDate(from, addDays(facts.lastPlaceEnded, 1));
  const days = schoolDaysBetween(ctx.calendar, from, today);
  if (days <= ctx.policy.noPlaceSchoolDays) return [];
  return [
    {
      rule: "no_school_place",
      period: from,
      severity: "red",
      recipients: ["vsh", "social_worker"],
      details: { since: from, schoolDays: days },
    },
  ];
}
