/**
 * The caseload's badges come from the same judgements as the status card: a review
 * overdue and a part-time timetable (its review passed or not) show beside the child, a
 * booked PEP says what is in hand without making the child more urgent. A child without a
 * school place has the card's colour (school-place.ts); one who left care or is on short
 * breaks is marked so, never as urgent. Attendance in the card's colours: absent today
 * amber, missing education red, no attendance data amber.
 */
import { describe, expect, it } from "vitest";
import { summariseCodeCounts } from "../../core/attendance/attendance.rules.js";
import { byUrgency, caseloadBadges } from "../../core/children/caseload.rules.js";
import type { ChildJudgement } from "../../core/children/judgements.js";
import { partTimeStatus } from "../../core/children/status.js";
import type { PepStatus } from "../../core/peps/pep.rules.js";
import { defaultPolicy } from "../../core/policy.js";

const pep = (over: Partial<PepStatus> = {}): PepStatus => ({
  required: true,
  initialPep: { due: "2024-01-29", done: true, heldOn: "2024-01-20", onTime: true, daysLate: 0 },
  current: true,
  inDate: true,
  notInDateBecause: null,
  lastCompleted: null,
  nextDue: "2026-12-18",
  nextDueFor: "Spring 2027",
  overdue: false,
  daysOverdue: 0,
  dueSoon: false,
  nextReviewDue: "2027-04-20",
  nextReviewPlanned: null,
  pepNeededForReviewBy: "2027-04-15",
  reviewOverdue: false,
  booked: null,
  ...over,
});

const child = (lastName: string, over: Partial<ChildJudgement> = {}): ChildJudgement => ({
  id: 1,
  firstName: "Sam",
  lastName,
  senStatus: "none",
  school: { id: 1, name: "Oakfield Primary" },
  attendance: summariseCodeCounts(new Map([["/", 100]]), defaultPolicy),
  unexplainedToday: false,
  attendanceDataGap: null,
  currentUnexplainedRun: null,
  missingEducation: false,
  care: { kind: "looked_after", since: "2025-01-10", startKnown: true },
  pep: pep(),
  partTime: null,
  schoolPlace: { kind: "on_roll" },
  suspendedToday: null,
  ...over,
});

const timetable = { id: 3, startDate: "2026-10-05", plannedEndDate: "2026-12-18", reviewDate: "2026-11-20" };
const running = (today: string) =>
  partTimeStatus([{ ...timetable, endedOn: null, hoursPerWeek: 15, reason: null, schoolId: 1 }] as never, today);

describe("caseload badges", () => {
  it("all well: none", () => {
    expect(caseloadBadges(child("Adams"))).toEqual([]);
  });

  it("a review overdue is red", () => {
    expect(caseloadBadges(child("Adams", { pep: pep({ reviewOverdue: true }) }))).toEqual([
      { code: "review_overdue", text: "Review overdue", severity: "red" },
    ]);
  });

  it("a part-time timetable: amber up to its review day, red from the day after", () => {
    expect(caseloadBadges(child("Adams", { partTime: running("2026-11-20") }))).toEqual([
      { code: "part_time_timetable", text: "Part-time timetable", severity: "amber" },
    ]);
    expect(caseloadBadges(child("Adams", { partTime: running("2026-11-21") }))).toEqual([
      { code: "part_time_timetable", text: "Part-time: review overdue", severity: "red" },
    ]);
  });

  it("a booked PEP is shown but does not put the child ahead of one with a concern", () => {
    const booked = { ...child("Adams", { pep: pep({ booked: "2026-12-02" }) }), badges: [] as never[] };
    const withBadges = (c: ChildJudgement) => ({ ...c, badges: caseloadBadges(c) });
    const a = withBadges(booked);
    const b = withBadges(child("Brown", { partTime: running("2026-11-20") }));
    expect(a.badges.map((x) => x.text)).toEqual(["PEP booked 2 Dec 2026"]);
    expect([a, b].sort(byUrgency).map((c) => c.lastName)).toEqual(["Brown", "Adams"]);
  });
});

describe("caseload badges: school place and care", () => {
  const without = (schoolDays: number, overdue: boolean): ChildJudgement["schoolPlace"] => ({
    kind: "without_place",
    since: "2026-10-10",
    schoolDays,
    overdue,
    nextPlaceFrom: null,
  });

  it.each([
    ["19 school days without a place: amber, as on the card", without(19, false), "amber"],
    ["20 school days: red, as on the card and in the alert", without(20, true), "red"],
  ] as const)("%s", (_name, schoolPlace, severity) => {
    expect(caseloadBadges(child("Adams", { school: null, schoolPlace }))).toEqual([
      { code: "no_school_place", text: "No school place", severity },
    ]);
  });

  it.each([
    ["below compulsory school age", "outside_school_age"],
    ["a place starting by the next school day", "next_place_in_time"],
    ["not in the cohort", "not_in_cohort"],
  ] as const)("no badge when not counted: %s", (_name, why) => {
    expect(caseloadBadges(child("Adams", { school: null, schoolPlace: { kind: "not_counted", why } }))).toEqual([]);
  });

  it("left care: marked with the date, and never ahead of a child with a concern", () => {
    const left = child("Adams", {
      school: null,
      care: {
        kind: "left_care",
        since: "2020-01-01",
        ceasedOn: "2026-10-01",
        reason: null,
        previouslyLookedAfter: false,
      },
      pep: pep({ required: false, current: false }),
      schoolPlace: { kind: "not_counted", why: "not_in_cohort" },
    });
    expect(caseloadBadges(left)).toEqual([{ code: "left_care", text: "Left care 1 Oct 2026", severity: "amber" }]);
    const withBadges = (c: ChildJudgement) => ({ ...c, badges: caseloadBadges(c) });
    const concern = withBadges(child("Brown", { partTime: running("2026-11-20") }));
    expect([withBadges(left), concern].sort(byUrgency).map((c) => c.lastName)).toEqual(["Brown", "Adams"]);
  });

  it("short breaks: marked, no other badge", () => {
    const respite = child("Adams", { care: { kind: "short_breaks", since: "2026-01-05" } });
    expect(caseloadBadges(respite)).toEqual([{ code: "short_breaks", text: "Short breaks", severity: "amber" }]);
  });
});

describe("caseload badges: attendance, in the card's colours", () => {
  const withBadges = (c: ChildJudgement) => ({ ...c, badges: caseloadBadges(c) });
  const gap = { since: "2026-11-19", schoolDays: 2, lastMark: "2026-11-18" };
  const run = { days: 10, from: "2026-11-09", to: "2026-11-20" };

  it.each([
    [
      "absent today: amber, as on the card and the alert",
      { unexplainedToday: true },
      [{ code: "unexplained_absence_today", text: "Absent today", severity: "amber" }],
    ],
    [
      "a run long enough to report: missing education, red",
      { currentUnexplainedRun: run, missingEducation: true },
      [{ code: "missing_education", text: "Missing education", severity: "red" }],
    ],
    ["a run too short to report: no badge", { currentUnexplainedRun: { ...run, days: 9 } }, []],
    [
      "no attendance data: amber, for the Virtual School to chase",
      { attendanceDataGap: gap },
      [{ code: "no_attendance_data", text: "No attendance data", severity: "amber" }],
    ],
  ] as [string, Partial<ChildJudgement>, object[]][])("%s", (_name, over, badges) => {
    expect(caseloadBadges(child("Adams", over))).toEqual(badges);
  });

  it("a suspension running today says until when, in the colour of its alert", () => {
    const suspended = child("Adams", { suspendedToday: { endDate: "2026-11-25", severity: "amber" } });
    expect(caseloadBadges(suspended)).toEqual([
      { code: "suspended_today", text: "Suspended until 25 Nov 2026", severity: "amber" },
    ]);
  });

  it("a missing feed is a concern, but never ahead of a red one", () => {
    const feed = withBadges(child("Adams", { attendanceDataGap: gap }));
    const missing = withBadges(child("Brown", { currentUnexplainedRun: run, missingEducation: true }));
    const fine = withBadges(child("Clark"));
    expect([fine, feed, missing].sort(byUrgency).map((c) => c.lastName)).toEqual(["Brown", "Adams", "Clark"]);
  });

  it("absent today is as urgent as any amber concern, no more", () => {
    const absent = withBadges(child("Brown", { unexplainedToday: true }));
    const partTime = withBadges(child("Adams", { partTime: running("2026-11-20") }));
    const overdue = withBadges(child("Clark", { pep: pep({ overdue: true }) }));
    expect([absent, partTime, overdue].sort(byUrgency).map((c) => c.lastName)).toEqual(["Clark", "Adams", "Brown"]);
  });
});
