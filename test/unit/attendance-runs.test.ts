/**
 * Runs of unexplained absence, the one rule the status card (from marks) and the scan
 * (from its per-code aggregate) share: from the first mark after the last explained day to
 * the latest mark, blank school days inside counted, blank days before or after not (the
 * feed's silence), nor a stretch inside of `attendanceDataGapSchoolDays` blank school days
 * (the run restarts after it); U, present, authorised and closure marks explain a day;
 * never before the roll or the school year. Both readings are checked to give the same run.
 */
import { describe, expect, it } from "vitest";
import {
  currentUnexplainedRun,
  longestUnexplainedRun,
  type Mark,
  runDates,
  runFloor,
} from "../../core/attendance/attendance.rules.js";
import { schoolDaysInRange } from "../../core/calendar/school-days.js";
import type { IsoDate } from "../../core/platform/dates.js";
import { defaultPolicy } from "../../core/policy.js";
import { absent, cal, days, present, ROLL, run, scanRun } from "./attendance-runs.fixture.js";

describe("the current run (card and scan)", () => {
  // Autumn 2025: half-term 27–31 Oct; Mon 20 Oct to Fri 7 Nov is 10 school days.
  it.each([
    ["every day present", present("2025-11-03", "2025-11-04"), "2025-11-04", null],
    ["no marks at all: the feed's silence, not a run", [], "2025-11-07", null],
    [
      "N today joins the run",
      [...present("2025-11-03"), ...absent("2025-11-04")],
      "2025-11-04",
      run(1, "2025-11-04", "2025-11-04"),
    ],
    [
      "today not marked yet: the run ends on the latest mark",
      [...present("2025-10-31"), ...absent("2025-11-03", "2025-11-04")],
      "2025-11-05",
      run(2, "2025-11-03", "2025-11-04"),
    ],
    [
      "across half-term",
      [...present("2025-10-21"), ...absent("2025-10-22", "2025-10-23", "2025-10-24", "2025-11-03")],
      "2025-11-03",
      run(4, "2025-10-22", "2025-11-03"),
    ],
    [
      "a blank day inside the run counts",
      [...present("2025-11-03"), ...absent("2025-11-04"), ...absent("2025-11-06")],
      "2025-11-06",
      run(3, "2025-11-04", "2025-11-06"),
    ],
    [
      "blank days after the last explained day do not start it",
      [...present("2025-10-20"), ...absent("2025-10-24", "2025-11-03")],
      "2025-11-03",
      run(2, "2025-10-24", "2025-11-03"),
    ],
    [
      "blank days after the latest mark do not lengthen it (the feed stopped)",
      [...present("2025-10-31"), ...absent("2025-11-03", "2025-11-04")],
      "2025-11-21",
      run(2, "2025-11-03", "2025-11-04"),
    ],
    [
      "U explains the day: in school",
      [...absent("2025-11-03"), ...days([["2025-11-04", "U", "U"]])],
      "2025-11-04",
      null,
    ],
    [
      "U with N: the U session explains the day",
      [...absent("2025-11-03"), ...days([["2025-11-04", "U", "N"]]), ...absent("2025-11-05")],
      "2025-11-05",
      run(1, "2025-11-05", "2025-11-05"),
    ],
    [
      "present for one session breaks it",
      [...absent("2025-11-03"), ...days([["2025-11-04", "N", "\\"]])],
      "2025-11-04",
      null,
    ],
    [
      "AM N and no PM mark is unexplained",
      days([["2025-11-04", "N", null]]),
      "2025-11-04",
      run(1, "2025-11-04", "2025-11-04"),
    ],
    [
      "a closure (#) explains the day",
      [...absent("2025-11-03"), ...days([["2025-11-04", "#", "#"]])],
      "2025-11-04",
      null,
    ],
    [
      "a mark that is not a code is unexplained",
      days([["2025-11-04", "F", "-"]]),
      "2025-11-04",
      run(1, "2025-11-04", "2025-11-04"),
    ],
    [
      "a correction to I explains it",
      [...absent("2025-11-04"), ...days([["2025-11-04", "I", "I"]])],
      "2025-11-04",
      null,
    ],
    [
      "a stray N on a Saturday alone is no run",
      [...present("2025-11-07"), ...absent("2025-11-08")],
      "2025-11-10",
      null,
    ],
    [
      "nothing explained this year: from the first mark",
      absent("2025-09-02", "2025-09-04", "2025-09-08", "2025-09-10", "2025-09-12", "2025-09-15"),
      "2025-09-15",
      run(10, "2025-09-02", "2025-09-15"),
    ],
  ] as [string, Mark[], IsoDate, ReturnType<typeof run> | null][])("%s", (_name, marks, today, expected) => {
    expect(currentUnexplainedRun(marks, ROLL, cal, today, defaultPolicy)).toEqual(expected);
    expect(scanRun(marks, ROLL, today)).toEqual(expected);
  });

  it.each([
    ["another school's N before joining this roll", "2025-11-03", run(2, "2025-11-03", "2025-11-04")],
    ["joined the roll mid-run on a Sunday", "2025-11-02", run(2, "2025-11-03", "2025-11-04")],
    ["joined the roll after the marks: no run", "2025-11-05", null],
  ] as [string, IsoDate, ReturnType<typeof run> | null][])("%s", (_name, rollStart, expected) => {
    const marks = absent(
      "2025-10-20",
      "2025-10-21",
      "2025-10-22",
      "2025-10-23",
      "2025-10-24",
      "2025-11-03",
      "2025-11-04",
    );
    expect(currentUnexplainedRun(marks, rollStart, cal, "2025-11-05", defaultPolicy)).toEqual(expected);
    expect(scanRun(marks, rollStart, "2025-11-05")).toEqual(expected);
  });

  it("counts the 10th and 20th school days (missing education, roll removal) the same way", () => {
    const tenth = absent(...schoolDaysInRange(cal, "2025-11-03", "2025-11-14"));
    expect(currentUnexplainedRun(tenth, ROLL, cal, "2025-11-14", defaultPolicy)?.days).toBe(10);
    const twentieth = absent(...schoolDaysInRange(cal, "2025-11-03", "2025-11-28"));
    expect(currentUnexplainedRun(twentieth, ROLL, cal, "2025-11-28", defaultPolicy)?.days).toBe(20);
    expect(scanRun(twentieth, ROLL, "2025-11-28")?.days).toBe(20);
  });
});

describe("runDates and runFloor", () => {
  it("reads the three dates from marks", () => {
    const marks = [...present("2025-10-20"), ...absent("2025-10-22", "2025-10-24")];
    expect(runDates(marks, ROLL, cal, "2025-10-24", defaultPolicy)).toEqual({
      lastExplained: "2025-10-20",
      firstMark: "2025-10-22",
      lastMark: "2025-10-24",
    });
  });

  it.each([
    [null, "2025-09-01", "2025-11-05", "2025-09-01"],
    ["2025-10-31", "2025-09-01", "2025-11-05", "2025-11-01"],
    ["2025-10-31", "2025-11-03", "2025-11-05", "2025-11-03"],
    [null, "2024-09-02", "2025-11-05", "2025-08-01"],
  ] as [IsoDate | null, IsoDate, IsoDate, IsoDate][])(
    "last explained %s, on roll from %s, on %s → %s",
    (last, roll, today, floor) => {
      expect(runFloor(last, roll, today)).toBe(floor);
    },
  );
});

describe("the longest run this year", () => {
  it.each([
    ["none", present("2025-10-20", "2025-10-21"), null],
    [
      "an earlier, longer run",
      [...absent("2025-10-20", "2025-10-21", "2025-10-22"), ...present("2025-10-23"), ...absent("2025-11-03")],
      run(3, "2025-10-20", "2025-10-22"),
    ],
    [
      "on a tie the later",
      [...absent("2025-10-20"), ...present("2025-10-21"), ...absent("2025-10-22")],
      run(1, "2025-10-22", "2025-10-22"),
    ],
    [
      "blank days after an explained day start no run",
      [...present("2025-10-20"), ...absent("2025-10-23"), ...present("2025-10-24")],
      run(1, "2025-10-23", "2025-10-23"),
    ],
  ] as [string, Mark[], ReturnType<typeof run> | null][])("%s", (_name, marks, expected) => {
    expect(longestUnexplainedRun(marks, ROLL, cal, "2025-11-07", defaultPolicy)).toEqual(expected);
  });
});
