/**
 * A looked-after child without a school place: the rule in core/children/school-place.ts,
 * the same count and line as the status card, the caseload and the figures. The alert is
 * raised once the line is crossed (`noPlaceSchoolDays` school days without a place, today
 * included), keyed by the first day counted, so a new spell without a place alerts again.
 */
import { schoolPlace } from "../children/school-place.js";
import type { AlertContext, AlertFinding } from "./alert.rules.js";
import type { ScanFacts } from "./alert.types.js";

/** The facts and context the rule reads (the scan passes all of them). */
export type PlaceAlertFacts = Pick<
  ScanFacts,
  "onRoll" | "dateOfBirth" | "lookedAfterSince" | "lastPlaceEnded" | "nextPlaceFrom"
>;

export function placeAlerts(
  facts: PlaceAlertFacts,
  ctx: Pick<AlertContext, "today" | "calendar" | "policy">,
): AlertFinding[] {
  const { today } = ctx;
  const place = schoolPlace(
    {
      // A place that starts later is not one yet.
      onRoll: facts.onRoll !== null && facts.onRoll.fromDate <= today,
      dateOfBirth: facts.dateOfBirth,
      // The scan reads the cohort only (care.ts cohortWhere): its start of care is the duty's.
      careSince: facts.lookedAfterSince,
      lastPlaceEnded: facts.lastPlaceEnded,
      nextPlaceFrom: facts.nextPlaceFrom,
    },
    ctx.calendar,
    today,
    ctx.policy,
  );
  if (place.kind !== "without_place" || !place.overdue) return [];
  return [
    {
      rule: "no_school_place",
      period: place.since,
      severity: "red",
      recipients: ["vsh", "social_worker"],
      details: { since: place.since, schoolDays: place.schoolDays },
    },
  ];
}
