/**
 * Attendance over time: week-by-week rates for trend charts, thresholds newly crossed,
 * and N marks left unresolved past `unauthorisedResolveSchoolDays` school days.
 */
import { describe, expect, it } from "vitest";
import {
  type Mark,
  newlyCrossed,
  unresolvedReasonMarks,
  weeklyAttendance,
  weekStartOf,
} from "../../core/attendance/attendance.rules.js";
import { compileCalendar } from "../../core/calendar/school-days.js";
import { defaultPolicy } from "../../core/policy.js";
import { demoCalendar } from "./calendar.fixture.js";

const cal = compileCalendar(demoCalendar);

/** Both sessions of each listed day. */
const days = (entries: [string, string, string][]): Mark[] =>
  entries.flatMap(([date, am, pm]) => [
    { date, session: "AM" as const, code: am },
    { date, session: "PM" as const, code: pm },
  ]);

const present = (dates: string[]): Mark[] => days(dates.map((d) => [d, "/", "\\"]));

describe("weeklyAttendance", () => {
  it.each([
    ["2025-10-20", "2025-10-20"],
    ["2025-10-26", "2025-10-20"],
    ["2025-12-31", "2025-12-29"],
    ["2028-03-01", "2028-02-28"],
    ["2024-03-03", "2024-02-26"],
  ])("the week of %s starts on %s", (date, monday) => {
    expect(weekStartOf(date)).toBe(monday);
  });

  const marks = [
    ...present(["2025-10-20", "2025-10-21", "2025-10-22", "2025-10-23"]),
    ...days([
      ["2025-10-24", "N", "N"],
      ["2025-11-03", "/", "/"],
      ["2025-11-04", "#", "#"],
      ["2025-09-01", "/", "/"],
    ]),
  ];

  it("gives a rate per week, oldest first, skipping empty weeks", () => {
    expect(weeklyAttendance(marks)).toEqual([
      { weekStart: "2025-09-01", possibleSessions: 2, attendedSessions: 2, attendanceRate: 1 },
      { weekStart: "2025-10-20", possibleSessions: 10, attendedSessions: 8, attendanceRate: 0.8 },
      { weekStart: "2025-11-03", possibleSessions: 2, attendedSessions: 2, attendanceRate: 1 },
    ]);
  });

  it("within a range lists every week, empty ones with no rate, and only marks in range", () => {
    expect(weeklyAttendance(marks, { from: "2025-10-22", to: "2025-11-07" })).toEqual([
      { weekStart: "2025-10-20", possibleSessions: 6, attendedSessions: 4, attendanceRate: 4 / 6 },
      { weekStart: "2025-10-27", possibleSessions: 0, attendedSessions: 0, attendanceRate: null },
      { weekStart: "2025-11-03", possibleSessions: 2, attendedSessions: 2, attendanceRate: 1 },
    ]);
  });

  it("is empty with no marks and no range", () => {
    expect(weeklyAttendance([])).toEqual([]);
  });
});

describe("newlyCrossed", () => {
  const s = (persistentAbsence: boolean, severeAbsence: boolean) => ({ persistentAbsence, severeAbsence });
  it.each([
    [null, s(false, false), []],
    [null, s(true, false), ["persistent_absence"]],
    [s(false, false), s(true, true), ["persistent_absence", "severe_absence"]],
    [s(true, false), s(true, true), ["severe_absence"]],
    [s(true, true), s(true, true), []],
    [s(true, true), s(true, false), []],
    [s(true, false), s(false, false), []],
  ])("%o → %o gives %o", (before, after, expected) => {
    expect(newlyCrossed(before, after)).toEqual(expected);
  });
});

describe("unresolvedReasonMarks (N must be resolved within 5 school days)", () => {
  const n = (date: string, code = "N"): Mark => ({ date, session: "AM", code });
  it.each([
    ["N on Monday, checked the next Monday", [n("2025-11-03")], "2025-11-10", 0],
    ["N on Monday, checked the next Tuesday", [n("2025-11-03")], "2025-11-11", 1],
    ["half-term does not count", [n("2025-10-24")], "2025-11-07", 0],
    ["after half-term it does", [n("2025-10-24")], "2025-11-10", 1],
    ["corrected to I", [n("2025-11-03"), n("2025-11-03", "I")], "2025-11-20", 0],
    ["other codes never count", [n("2025-11-03", "O")], "2025-11-20", 0],
    ["lower-case n counts", [n("2025-11-03", "n")], "2025-11-20", 1],
  ] as [string, Mark[], string, number][])("%s → %i", (_name, marks, today, expected) => {
    expect(unresolvedReasonMarks(marks, cal, today, defaultPolicy)).toHaveLength(expected);
  });
});
