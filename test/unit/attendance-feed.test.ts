/**
 * A missing feed is not a missing child: no mark from the school on the last
 * `attendanceDataGapSchoolDays` (2) school days before today, or none since the child
 * joined the roll or the school year began, is "no attendance data since …". School days
 * on the child's calendar: half-terms and weekends are no gap.
 */
import { describe, expect, it } from "vitest";
import { attendanceDataGap } from "../../core/attendance/attendance.rules.js";
import { compileCalendar } from "../../core/calendar/school-days.js";
import type { IsoDate } from "../../core/platform/dates.js";
import { defaultPolicy, policySchema } from "../../core/policy.js";
import { demoCalendar } from "./calendar.fixture.js";

const cal = compileCalendar(demoCalendar);
const ROLL = "2025-09-01";

describe("attendanceDataGap", () => {
  // Autumn 2025: half-term Mon 27 – Fri 31 Oct.
  it.each([
    ["marked today", "2025-11-12", "2025-11-12", null],
    ["marked yesterday", "2025-11-11", "2025-11-12", null],
    ["a gap of 1 school day", "2025-11-10", "2025-11-12", null],
    [
      "a gap of 2 school days",
      "2025-11-07",
      "2025-11-12",
      { since: "2025-11-10", schoolDays: 2, lastMark: "2025-11-07" },
    ],
    ["last marked on Friday, Monday and Tuesday blank", "2025-11-07", "2025-11-11", null],
    [
      "last marked on Thursday, Friday and Monday blank",
      "2025-11-06",
      "2025-11-11",
      { since: "2025-11-07", schoolDays: 2, lastMark: "2025-11-06" },
    ],
    ["the first Monday after half-term, last marked the Friday before", "2025-10-24", "2025-11-03", null],
    ["the Tuesday after half-term: 1 school day", "2025-10-24", "2025-11-04", null],
    [
      "the Wednesday after half-term: 2 school days",
      "2025-10-24",
      "2025-11-05",
      { since: "2025-11-03", schoolDays: 2, lastMark: "2025-10-24" },
    ],
    [
      "last marked two days before half-term",
      "2025-10-22",
      "2025-11-03",
      { since: "2025-10-23", schoolDays: 2, lastMark: "2025-10-22" },
    ],
    ["no marks at all this year, on the 2nd school day", null, "2025-09-03", null],
    [
      "no marks at all this year, on the 3rd school day",
      null,
      "2025-09-04",
      { since: "2025-09-02", schoolDays: 2, lastMark: null },
    ],
    ["in the summer holiday nothing is owed", "2025-07-22", "2025-08-20", null],
  ] as [string, IsoDate | null, IsoDate, unknown][])("%s", (_name, lastMark, today, expected) => {
    expect(attendanceDataGap(lastMark, ROLL, cal, today, defaultPolicy)).toEqual(expected);
  });

  it.each([
    // The last mark (Fri 7 Nov) came from the school before: this school has sent none.
    [
      "joined the roll on Monday, nothing since, Wednesday",
      "2025-11-10",
      "2025-11-12",
      { since: "2025-11-10", schoolDays: 2, lastMark: null },
    ],
    ["joined the roll on Monday, nothing since, Tuesday", "2025-11-10", "2025-11-11", null],
  ] as [string, IsoDate, IsoDate, unknown][])("%s", (_name, rollStart, today, expected) => {
    expect(attendanceDataGap("2025-11-07", rollStart, cal, today, defaultPolicy)).toEqual(expected);
  });

  it("follows the policy: 5 school days", () => {
    const five = policySchema.parse({ attendanceDataGapSchoolDays: 5 });
    expect(attendanceDataGap("2025-11-07", ROLL, cal, "2025-11-14", five)).toBeNull();
    expect(attendanceDataGap("2025-11-07", ROLL, cal, "2025-11-17", five)).toMatchObject({ schoolDays: 5 });
  });
});
