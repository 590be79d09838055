/**
 * A feed outage inside a run of unexplained absence: a stretch of at least
 * `attendanceDataGapSchoolDays` blank school days (2 by default) breaks the run, which
 * restarts with the mark after it; shorter blanks, weekends and holidays still count. The
 * card's reading and the scan's give the same run.
 */
import { describe, expect, it } from "vitest";
import { currentUnexplainedRun, longestUnexplainedRun, type Mark } from "../../core/attendance/attendance.rules.js";
import type { IsoDate } from "../../core/platform/dates.js";
import { defaultPolicy, type Policy, policySchema } from "../../core/policy.js";
import { absent, cal, present, ROLL, run, scanRun } from "./attendance-runs.fixture.js";

describe("a feed outage inside a run breaks it (attendanceDataGapSchoolDays, 2 by default)", () => {
  const fiveDays = policySchema.parse({ attendanceDataGapSchoolDays: 5 });
  // Autumn 2025: half-term 27–31 Oct.
  it.each([
    [
      "O on 3 Nov, nothing 4–14 Nov, N on 17 Nov: the run restarts on the 17th",
      [...present("2025-10-31"), ...absent("2025-11-03", "2025-11-17")],
      "2025-11-17",
      defaultPolicy,
      run(1, "2025-11-17", "2025-11-17"),
    ],
    [
      "the same under a 10-day policy: 9 blank school days are not an outage",
      [...present("2025-10-31"), ...absent("2025-11-03", "2025-11-17")],
      "2025-11-17",
      policySchema.parse({ attendanceDataGapSchoolDays: 10 }),
      run(11, "2025-11-03", "2025-11-17"),
    ],
    [
      "one blank school day inside still counts",
      absent("2025-11-03", "2025-11-05", "2025-11-06"),
      "2025-11-06",
      defaultPolicy,
      run(4, "2025-11-03", "2025-11-06"),
    ],
    [
      "two blank school days break it (the threshold day)",
      absent("2025-11-03", "2025-11-06"),
      "2025-11-06",
      defaultPolicy,
      run(1, "2025-11-06", "2025-11-06"),
    ],
    [
      "a weekend is not blank school days",
      absent("2025-11-07", "2025-11-10"),
      "2025-11-10",
      defaultPolicy,
      run(2, "2025-11-07", "2025-11-10"),
    ],
    [
      "nor is half-term",
      absent("2025-10-24", "2025-11-03"),
      "2025-11-03",
      defaultPolicy,
      run(2, "2025-10-24", "2025-11-03"),
    ],
    [
      "Friday and Monday blank around a weekend: two school days, broken",
      absent("2025-11-06", "2025-11-11"),
      "2025-11-11",
      defaultPolicy,
      run(1, "2025-11-11", "2025-11-11"),
    ],
    [
      "the last of two outages decides where it starts",
      absent("2025-11-03", "2025-11-06", "2025-11-07", "2025-11-12", "2025-11-13"),
      "2025-11-13",
      defaultPolicy,
      run(2, "2025-11-12", "2025-11-13"),
    ],
    [
      "4 blank school days under a 5-day policy still count",
      absent("2025-11-03", "2025-11-08", "2025-11-10"),
      "2025-11-10",
      fiveDays,
      run(6, "2025-11-03", "2025-11-10"),
    ],
    [
      "5 blank school days under a 5-day policy break it",
      absent("2025-11-03", "2025-11-11"),
      "2025-11-11",
      fiveDays,
      run(1, "2025-11-11", "2025-11-11"),
    ],
  ] as [string, Mark[], IsoDate, Policy, ReturnType<typeof run>][])("%s", (_name, marks, today, policy, expected) => {
    expect(currentUnexplainedRun(marks, ROLL, cal, today, policy)).toEqual(expected);
    expect(scanRun(marks, ROLL, today, policy)).toEqual(expected);
  });

  it("the longest run this year stops at an outage too", () => {
    const marks = absent("2025-11-03", "2025-11-04", "2025-11-07", "2025-11-10", "2025-11-11");
    expect(longestUnexplainedRun(marks, ROLL, cal, "2025-11-11", defaultPolicy)).toEqual(
      run(3, "2025-11-07", "2025-11-11"),
    );
    expect(
      longestUnexplainedRun(absent("2025-11-03", "2025-11-04", "2025-11-06"), ROLL, cal, "2025-11-06", defaultPolicy),
    ).toEqual(run(4, "2025-11-03", "2025-11-06"));
  });
});
