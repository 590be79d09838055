/**
 * ScanFacts as the scan builds them, for the alert-rule tests: a 12-year-old in care since
 * January 2025, on roll at a home-authority school since September 2025, present today,
 * with nothing else on record unless a test says so. One builder, so a new field of
 * ScanFacts is added in one place.
 */
import { expect } from "vitest";
import type { AlertCandidate, AlertRule, ScanFacts } from "../../core/alerts/alert.types.js";
import { summariseCodeCounts } from "../../core/attendance/attendance.rules.js";
import { compileCalendar } from "../../core/calendar/school-days.js";
import { defaultPolicy, type Policy } from "../../core/policy.js";

/**
 * 2026/27 by hand (with the terms either side, so PEPs held last summer and owed next
 * autumn have a term to belong to). Good Friday falls on the last day of the spring term
 * and the early May bank holiday inside the summer term: both close the school.
 * Counts in the tests were checked against a wall calendar.
 */
export const calendar2026 = compileCalendar({
  terms: [
    { name: "Summer 2026", start: "2026-04-13", end: "2026-07-21" },
    { name: "Autumn 2026", start: "2026-09-02", end: "2026-12-18" },
    { name: "Spring 2027", start: "2027-01-04", end: "2027-03-26" },
    { name: "Summer 2027", start: "2027-04-12", end: "2027-07-21" },
    { name: "Autumn 2027", start: "2027-09-01", end: "2027-12-17" },
  ],
  closures: [
    { name: "Autumn half-term", start: "2026-10-26", end: "2026-10-30" },
    { name: "Spring half-term", start: "2027-02-15", end: "2027-02-19" },
    { name: "Good Friday", start: "2027-03-26", end: "2027-03-26" },
    { name: "Early May bank holiday", start: "2027-05-03", end: "2027-05-03" },
    { name: "Summer half-term", start: "2027-05-31", end: "2027-06-04" },
  ],
});

/** An attendance summary from counts per code, judged as the scan judges it. */
export const absence = (counts: [string, number][], policy: Policy = defaultPolicy) =>
  summariseCodeCounts(new Map(counts), policy);

export const scanFacts = (over: Partial<ScanFacts> = {}): ScanFacts => ({
  childId: 7,
  dateOfBirth: "2014-05-10",
  lookedAfterSince: "2025-01-10",
  careStartKnown: true,
  onRoll: { schoolId: 3, fromDate: "2025-09-01", laCode: "999" },
  lastPlaceEnded: null,
  nextPlaceFrom: null,
  attendance: absence([["/", 100]]),
  today: { am: "/", pm: "/" },
  lastExplainedDate: null,
  firstMarkSinceExplained: null,
  lastMarkDate: null,
  gapsSinceExplained: [],
  peps: [],
  reviews: [],
  plannedReviews: [],
  exclusions: [],
  partTime: [],
  ...over,
});

export const ofRules = (candidates: AlertCandidate[], rules: readonly AlertRule[]): AlertCandidate[] =>
  candidates.filter((c) => rules.includes(c.rule));

/** The one candidate of `rule`, or undefined; two of the same rule would be a bug. */
export function one(candidates: AlertCandidate[], rule: AlertRule): AlertCandidate | undefined {
  const found = ofRules(candidates, [rule]);
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0];
}
