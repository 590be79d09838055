/**
 * Without a school place: the one rule (core/children/school-place.ts) at its edges, and
 * the status card and the scan's alert giving the same count and crossing the same line
 * for the same facts. Dates on the demo calendar: autumn 2025 from Mon 1 Sep (an INSET
 * day) to Fri 19 Dec, half-term 27–31 Oct; spring 2026 from Mon 5 Jan.
 */
import { describe, expect, it } from "vitest";
import { placeAlerts } from "../../core/alerts/place-alerts.rules.js";
import { daysWithoutSchoolPlace, type PlaceFacts, schoolPlace } from "../../core/children/school-place.js";
import { type ChildFacts, currentOf, educationStatus } from "../../core/children/status.js";
import type { IsoDate } from "../../core/platform/dates.js";
import { defaultPolicy, policySchema } from "../../core/policy.js";
import { cal, codes, facts, school, TODAY } from "./child-facts.fixture.js";

/** In care since 2024, 13 years old, off roll since Fri 17 Oct 2025 (Sat 18 Oct is the first day without). */
const offRoll = (over: Partial<PlaceFacts> = {}): PlaceFacts => ({
  onRoll: false,
  dateOfBirth: "2012-03-14",
  careSince: "2024-05-01",
  lastPlaceEnded: "2025-10-17",
  nextPlaceFrom: null,
  ...over,
});
const judge = (f: PlaceFacts, today: IsoDate, policy = defaultPolicy) => schoolPlace(f, cal, today, policy);

describe("schoolPlace: the count and the line", () => {
  it.each([
    ["day 18 (Wed 19 Nov)", "2025-11-19", 18, false],
    ["day 19 (Thu 20 Nov): amber", "2025-11-20", 19, false],
    ["day 20 (Fri 21 Nov): the line is crossed", "2025-11-21", 20, true],
    ["the Saturday after day 20 is still 20", "2025-11-22", 20, true],
    ["day 21 (Mon 24 Nov)", "2025-11-24", 21, true],
    ["half-term is not counted: day 5 on Fri 24 Oct and on Fri 31 Oct", "2025-10-31", 5, false],
  ])("%s", (_name, today, schoolDays, overdue) => {
    expect(judge(offRoll(), today)).toEqual({
      kind: "without_place",
      since: "2025-10-18",
      schoolDays,
      overdue,
      nextPlaceFrom: null,
    });
  });

  it("follows the authority's limit", () => {
    const j = judge(offRoll(), "2025-11-24", policySchema.parse({ noPlaceSchoolDays: 25 }));
    expect(j).toMatchObject({ schoolDays: 21, overdue: false });
  });

  it.each([
    ["from the start of care when that is later", offRoll({ careSince: "2025-11-03" }), "2025-11-03", 13],
    [
      "from the start of care with no school history (1 Sep is an INSET day)",
      offRoll({ careSince: "2025-09-01", lastPlaceEnded: null }),
      "2025-09-01",
      52,
    ],
    ["from the day after the last place ended", offRoll(), "2025-10-18", 18],
    ["with no date of birth, from care and the last place alone", offRoll({ dateOfBirth: null }), "2025-10-18", 18],
  ])("counts %s", (_name, f, since, schoolDays) => {
    expect(judge(f, TODAY)).toMatchObject({ kind: "without_place", since, schoolDays });
  });

  it.each([
    ["on roll", offRoll({ onRoll: true }), { kind: "on_roll" }, 0],
    ["not looked after", offRoll({ careSince: null }), { kind: "not_counted", why: "not_in_cohort" }, null],
    [
      "care starting tomorrow",
      offRoll({ careSince: "2025-11-20" }),
      { kind: "not_counted", why: "not_in_cohort" },
      null,
    ],
    [
      "past compulsory school age (16 in 2025: it ended Fri 27 Jun 2025)",
      offRoll({ dateOfBirth: "2009-06-01" }),
      { kind: "not_counted", why: "outside_school_age" },
      null,
    ],
  ])("%s", (_name, f, judgement, days) => {
    const j = judge(f, TODAY);
    expect(j).toEqual(judgement);
    expect(daysWithoutSchoolPlace(j)).toBe(days);
  });
});

describe("schoolPlace: from the prescribed day, not the fifth birthday", () => {
  /** Fifth birthday Mon 15 Dec 2025: compulsory school age from Wed 31 Dec 2025. */
  const turnsFive = offRoll({ dateOfBirth: "2020-12-15", lastPlaceEnded: null });
  it.each([
    ["the day before the fifth birthday", "2025-12-14", null],
    ["on the fifth birthday, a school day: not yet of school age", "2025-12-15", null],
    ["the day before the prescribed day", "2025-12-30", null],
    ["on the prescribed day (a holiday): counted, 0 school days", "2025-12-31", 0],
    ["the first day of spring term: day 1", "2026-01-05", 1],
    ["day 19", "2026-01-29", 19],
    ["day 20: the line", "2026-01-30", 20],
  ])("%s", (_name, today, schoolDays) => {
    const j = judge(turnsFive, today);
    if (schoolDays === null) return expect(j).toEqual({ kind: "not_counted", why: "outside_school_age" });
    expect(j).toMatchObject({ kind: "without_place", since: "2025-12-31", schoolDays, overdue: schoolDays >= 20 });
  });

  it.each([
    ["born 31 Aug 2020: of school age from the fifth birthday itself", "2020-08-31", "2025-08-31", true],
    ["born 1 Sep 2020: only from 31 Dec 2025", "2020-09-01", "2025-09-02", false],
  ])("%s", (_name, dateOfBirth, today, counted) => {
    expect(judge(offRoll({ dateOfBirth, lastPlaceEnded: null }), today).kind).toBe(
      counted ? "without_place" : "not_counted",
    );
  });
});

describe("schoolPlace: a place that starts by the next school day misses none", () => {
  /** Left at the end of the summer term, Tue 22 Jul 2025. */
  const summer = (nextPlaceFrom: IsoDate | null) => offRoll({ lastPlaceEnded: "2025-07-22", nextPlaceFrom });
  it.each([
    ["a transfer on the first day of autumn (an INSET day), in August", summer("2025-09-01"), "2025-08-15", null],
    ["the same on the last day of the holiday", summer("2025-09-01"), "2025-08-31", null],
    ["a transfer on the first school day (Tue 2 Sep)", summer("2025-09-02"), "2025-08-15", null],
    ["a place from Wed 3 Sep misses Tue 2 Sep: counted, 0 so far", summer("2025-09-03"), "2025-08-15", 0],
    ["the same on Tue 2 Sep: day 1", summer("2025-09-03"), "2025-09-02", 1],
    ["no place agreed for September: counted, 0 so far", summer(null), "2025-08-15", 0],
    [
      "a Friday leaver starting on Monday, on the Saturday",
      offRoll({ lastPlaceEnded: "2025-11-14", nextPlaceFrom: "2025-11-17" }),
      "2025-11-15",
      null,
    ],
    [
      "a school day already missed stands until the place starts",
      offRoll({ lastPlaceEnded: "2025-11-13", nextPlaceFrom: "2025-11-17" }),
      "2025-11-15",
      1,
    ],
  ])("%s", (_name, f, today, schoolDays) => {
    const j = judge(f, today);
    if (schoolDays === null) return expect(j).toEqual({ kind: "not_counted", why: "next_place_in_time" });
    expect(j).toMatchObject({ kind: "without_place", schoolDays, nextPlaceFrom: f.nextPlaceFrom });
  });
});

describe("the status card and the alert agree", () => {
  const left = { ...school, toDate: "2025-10-17" };
  /** What the scan holds for the same child, worked out here from the card's facts. */
  function scanOf(f: ChildFacts, today: IsoDate) {
    const held = currentOf(f.enrolments, today);
    const ended = f.enrolments.flatMap((e) => (e.toDate !== null && e.toDate < today ? [e.toDate] : [])).sort();
    const next = f.enrolments.flatMap((e) => (e.fromDate > today ? [e.fromDate] : [])).sort();
    return {
      onRoll: held ? { schoolId: held.schoolId, fromDate: held.fromDate, laCode: "999" } : null,
      dateOfBirth: f.child.dateOfBirth ?? "",
      lookedAfterSince: f.child.lookedAfterSince,
      lastPlaceEnded: ended.at(-1) ?? null,
      nextPlaceFrom: next[0] ?? null,
    };
  }
  const summerLeaver = { ...school, toDate: "2025-07-22" };
  const autumnPlace = { ...school, schoolId: 2, schoolName: "Hillside School", fromDate: "2025-09-01", toDate: null };
  it.each([
    ["day 19", [left], "2025-11-20", "no_school_place:amber", 19],
    ["day 20", [left], "2025-11-21", "no_school_place:red", 20],
    ["day 21", [left], "2025-11-24", "no_school_place:red", 21],
    ["a four-year-old", [], TODAY, null, null],
    ["the summer before a transfer on the first day of autumn", [summerLeaver, autumnPlace], "2025-08-20", null, null],
    ["the first day of autumn at the new school", [summerLeaver, autumnPlace], "2025-09-01", null, 0],
  ] as const)("%s", (name, enrolments, today, flag, days) => {
    const dateOfBirth = name === "a four-year-old" ? "2021-06-01" : "2012-03-14";
    const f = facts({ enrolments: [...enrolments], marks: [] }, { dateOfBirth });
    const status = educationStatus(f, today, defaultPolicy);
    const alert = placeAlerts(scanOf(f, today), { today, calendar: cal, policy: defaultPolicy })[0];
    expect(status.daysWithoutSchoolPlace).toBe(days);
    expect(codes(f, today).filter((c) => c.startsWith("no_school_place"))).toEqual(flag ? [flag] : []);
    // The alert is raised exactly when the card's flag is red, with the card's count.
    expect(alert ? `no_school_place:${alert.severity}` : null).toBe(flag === "no_school_place:red" ? flag : null);
    if (alert) expect(alert.details).toEqual({ since: "2025-10-18", schoolDays: days });
  });
});

describe("the status card's flag", () => {
  const left = { ...school, toDate: "2025-10-17" };
  it("says when an agreed place starts", () => {
    const next = { ...school, schoolId: 2, schoolName: "Hillside School", fromDate: "2025-11-24", toDate: null };
    const status = educationStatus(facts({ enrolments: [left, next], marks: [] }), TODAY, defaultPolicy);
    expect(status.nextSchool).toEqual({ schoolName: "Hillside School", fromDate: "2025-11-24" });
    expect(status.flags[0]?.text).toBe(
      "No school place for 18 school days (a place is due within 20); a place at Hillside School starts on 24 Nov 2025.",
    );
  });

  it("reports no attendance run for the weeks without a place", () => {
    const status = educationStatus(facts({ enrolments: [left], marks: [] }), TODAY, defaultPolicy);
    expect(status.attendance.longestUnexplainedRun).toBeNull();
  });

  it.each([
    ["left care yesterday", { ceasedLookedAfter: "2025-11-18" }],
    ["left care today", { ceasedLookedAfter: TODAY }],
    ["on short breaks (V3)", { legalStatus: "V3" }],
    ["not looked after, with no school history", { lookedAfterSince: null }],
  ])("is not raised for a child %s", (_name, child) => {
    const status = educationStatus(facts({ enrolments: [left], marks: [] }, child), TODAY, defaultPolicy);
    expect(status.daysWithoutSchoolPlace).toBeNull();
    expect(status.flags.map((f) => f.code)).not.toContain("no_school_place");
    expect(status.pep.required).toBe(false);
  });

  it("is raised for a child whose care ends tomorrow: still looked after today", () => {
    const f = facts({ enrolments: [left], marks: [] }, { ceasedLookedAfter: "2025-11-20" });
    expect(codes(f)).toContain("no_school_place:amber");
  });
});
