import { describe, expect, it } from "vitest";
import {
  currentUnexplainedRun,
  longestUnexplainedRun,
  type Mark,
  newlyCrossed,
  sessionsToday,
  summariseAttendance,
  summariseCodeCounts,
  unresolvedReasonMarks,
  weeklyAttendance,
  weekStartOf,
} from "../../core/attendance/attendance.rules.js";
import { compileCalendar, schoolDaysInRange } from "../../core/calendar/school-days.js";
import { addDays } from "../../core/platform/dates.js";
import { defaultPolicy, policySchema } from "../../core/policy.js";
import { demoCalendar } from "./calendar.fixture.js";

const cal = compileCalendar(demoCalendar);

/** Both sessions of each listed day; `am`/`pm` null leaves that session unmarked. */
function days(entries: [string, string | null, string | null][]): Mark[] {
  return entries.flatMap(([date, am, pm]) => [
    ...(am === null ? [] : [{ date, session: "AM" as const, code: am }]),
    ...(pm === null ? [] : [{ date, session: "PM" as const, code: pm }]),
  ]);
}

/** Sessions with these codes, each in its own date and session so none replaces another. */
function mix(parts: [string, number][]): Mark[] {
  const codes = parts.flatMap(([code, n]) => Array<string>(n).fill(code));
  return codes.map((code, i) => ({ date: addDays("2025-09-01", i >> 1), session: i % 2 === 0 ? "AM" : "PM", code }));
}

describe("summariseAttendance", () => {
  it("has no rates and no thresholds without possible sessions", () => {
    expect(summariseAttendance([], defaultPolicy)).toEqual({
      possibleSessions: 0,
      attendedSessions: 0,
      authorisedAbsence: 0,
      unauthorisedAbsence: 0,
      unrecognisedMarks: 0,
      attendanceRate: null,
      absenceRate: null,
      persistentAbsence: false,
      severeAbsence: false,
    });
  });

  it.each([
    [
      "exactly 10% absent is persistent",
      [
        ["/", 18],
        ["N", 2],
      ],
      20,
      0.9,
      true,
      false,
    ],
    [
      "9.5% absent is not",
      [
        ["/", 181],
        ["I", 19],
      ],
      200,
      0.905,
      false,
      false,
    ],
    [
      "10% absent over 200 sessions is",
      [
        ["/", 180],
        ["I", 20],
      ],
      200,
      0.9,
      true,
      false,
    ],
    [
      "49% absent is persistent, not severe",
      [
        ["/", 51],
        ["O", 49],
      ],
      100,
      0.51,
      true,
      false,
    ],
    [
      "exactly 50% absent is severe",
      [
        ["/", 10],
        ["G", 5],
        ["M", 5],
      ],
      20,
      0.5,
      true,
      true,
    ],
    [
      "approved activity counts as attendance",
      [
        ["/", 5],
        ["K", 3],
        ["B", 2],
      ],
      10,
      1,
      false,
      false,
    ],
    ["late before registers close is present", [["L", 10]], 10, 1, false, false],
    [
      "U (late after registers) is absence",
      [
        ["/", 9],
        ["U", 1],
      ],
      10,
      0.9,
      true,
      false,
    ],
    [
      "sessions unable to attend are not possible",
      [
        ["/", 10],
        ["Y1", 5],
        ["Q", 1],
        ["#", 5],
        ["D", 2],
        ["X", 1],
        ["Z", 1],
      ],
      10,
      1,
      false,
      false,
    ],
    [
      "retired H is authorised absence",
      [
        ["/", 9],
        ["H", 1],
      ],
      10,
      0.9,
      true,
      false,
    ],
    [
      "retired Y is not possible",
      [
        ["/", 10],
        ["Y", 4],
      ],
      10,
      1,
      false,
      false,
    ],
    [
      "symbols and lower case count",
      [
        ["/", 16],
        ["<", 1],
        ["?", 1],
        ["n", 1],
        ["a", 3],
        ["j", 1],
      ],
      20,
      0.8,
      true,
      false,
    ],
  ] as [string, [string, number][], number, number, boolean, boolean][])(
    "%s",
    (_name, parts, possible, rate, persistent, severe) => {
      const summary = summariseAttendance(mix(parts), defaultPolicy);
      expect(summary.possibleSessions).toBe(possible);
      expect(summary.attendanceRate).toBeCloseTo(rate, 10);
      expect(summary.absenceRate).toBeCloseTo(1 - rate, 10);
      expect(summary.persistentAbsence).toBe(persistent);
      expect(summary.severeAbsence).toBe(severe);
    },
  );

  it("splits authorised from unauthorised absence", () => {
    const s = summariseAttendance(
      mix([
        ["/", 10],
        ["I", 2],
        ["M", 1],
        ["N", 3],
        ["G", 1],
      ]),
      defaultPolicy,
    );
    expect(s).toMatchObject({
      attendedSessions: 10,
      authorisedAbsence: 3,
      unauthorisedAbsence: 4,
      possibleSessions: 17,
    });
  });

  it("leaves blank, '-' and unknown marks out of the rates but counts them", () => {
    const s = summariseAttendance(
      mix([
        ["/", 4],
        ["", 1],
        ["-", 1],
        ["F", 1],
      ]),
      defaultPolicy,
    );
    expect(s).toMatchObject({ possibleSessions: 4, unrecognisedMarks: 3, attendanceRate: 1 });
  });

  it("a later mark for the same session replaces the earlier one", () => {
    const marks: Mark[] = [
      { date: "2025-09-02", session: "AM", code: "N" },
      { date: "2025-09-02", session: "AM", code: "I" },
    ];
    expect(summariseAttendance(marks, defaultPolicy)).toMatchObject({
      possibleSessions: 1,
      authorisedAbsence: 1,
      unauthorisedAbsence: 0,
    });
  });

  it("uses the authority's thresholds", () => {
    const strict = policySchema.parse({ persistentAbsencePercent: 5, severeAbsencePercent: 20 });
    const marks = mix([
      ["/", 16],
      ["N", 4],
    ]);
    expect(summariseAttendance(marks, defaultPolicy)).toMatchObject({ persistentAbsence: true, severeAbsence: false });
    expect(summariseAttendance(marks, strict)).toMatchObject({ persistentAbsence: true, severeAbsence: true });
    const lenient = policySchema.parse({ persistentAbsencePercent: 25 });
    expect(summariseAttendance(marks, lenient).persistentAbsence).toBe(false);
  });

  it("gives the same summary from counts per code", () => {
    const marks = mix([
      ["/", 30],
      ["I", 3],
      ["n", 2],
      ["a", 1],
      ["-", 1],
    ]);
    const counts = new Map<string, number>([
      ["/", 30],
      ["I", 3],
      ["n", 2],
      ["a", 1],
      ["-", 1],
    ]);
    expect(summariseCodeCounts(counts, defaultPolicy)).toEqual(summariseAttendance(marks, defaultPolicy));
  });
});

// Mon 20 Oct – Fri 7 Nov 2025, with half-term 27–31 Oct in between: 10 school days.
const SCHOOL_DAYS = schoolDaysInRange(cal, "2025-10-20", "2025-11-07");
const present = (dates: string[]): Mark[] => days(dates.map((d) => [d, "/", "\\"]));

describe("longestUnexplainedRun", () => {
  it("uses the fixture's ten school days", () => {
    expect(SCHOOL_DAYS).toHaveLength(10);
  });

  it.each([
    ["every session present", present(SCHOOL_DAYS), null],
    ["no marks at all", [], { days: 10, from: "2025-10-20", to: "2025-11-07" }],
    [
      "half-term does not break a run",
      [
        ...present(["2025-10-20", "2025-10-21", "2025-11-04", "2025-11-05", "2025-11-06", "2025-11-07"]),
        ...days([
          ["2025-10-22", "N", "N"],
          ["2025-10-23", "O", "G"],
          ["2025-10-24", "U", "N"],
          ["2025-11-03", "N", "N"],
        ]),
      ],
      { days: 4, from: "2025-10-22", to: "2025-11-03" },
    ],
    [
      "a day present for one session breaks it",
      [
        ...present(["2025-10-20", "2025-10-21", "2025-10-23", "2025-10-24"]),
        ...days([["2025-10-22", "N", "/"]]),
        ...present(SCHOOL_DAYS.slice(5)),
      ],
      null,
    ],
    [
      "a day with AM N and no PM mark counts",
      [...present(SCHOOL_DAYS.filter((d) => d !== "2025-10-22")), ...days([["2025-10-22", "N", null]])],
      { days: 1, from: "2025-10-22", to: "2025-10-22" },
    ],
    [
      "a school closure (#) breaks it",
      days([
        ["2025-10-20", "N", "N"],
        ["2025-10-21", "#", "#"],
        ...SCHOOL_DAYS.slice(2).map((d): [string, string, string] => [d, "/", "/"]),
      ]),
      { days: 1, from: "2025-10-20", to: "2025-10-20" },
    ],
    [
      "an unknown code counts as unexplained",
      [...present(SCHOOL_DAYS.slice(1)), ...days([["2025-10-20", "F", "F"]])],
      { days: 1, from: "2025-10-20", to: "2025-10-20" },
    ],
    [
      "on a tie the later run wins",
      [
        ...days([
          ["2025-10-20", "N", "N"],
          ["2025-10-21", "/", "/"],
          ["2025-10-22", "N", "N"],
        ]),
        ...present(SCHOOL_DAYS.slice(3)),
      ],
      { days: 1, from: "2025-10-22", to: "2025-10-22" },
    ],
    ["marks on a Saturday are ignored", [...present(SCHOOL_DAYS), ...days([["2025-10-25", "N", "N"]])], null],
  ] as [string, Mark[], unknown][])("%s", (_name, marks, expected) => {
    expect(longestUnexplainedRun(marks, SCHOOL_DAYS)).toEqual(expected);
  });

  it("is null with no school days", () => {
    expect(longestUnexplainedRun([], [])).toBeNull();
  });
});

describe("currentUnexplainedRun", () => {
  const before = present(["2025-10-20", "2025-10-21", "2025-10-22", "2025-10-23", "2025-10-24"]);
  it.each([
    [
      "today has no mark yet: the run ends yesterday",
      [
        ...before,
        ...days([
          ["2025-11-03", "N", "N"],
          ["2025-11-04", "N", "N"],
        ]),
      ],
      "2025-11-05",
      { days: 2, from: "2025-11-03", to: "2025-11-04" },
    ],
    [
      "today's N extends it",
      [
        ...before,
        ...days([
          ["2025-11-03", "N", "N"],
          ["2025-11-04", "N", "N"],
          ["2025-11-05", "N", null],
        ]),
      ],
      "2025-11-05",
      { days: 3, from: "2025-11-03", to: "2025-11-05" },
    ],
    [
      "present today ends it",
      [
        ...before,
        ...days([
          ["2025-11-03", "N", "N"],
          ["2025-11-04", "N", "N"],
          ["2025-11-05", "/", null],
        ]),
      ],
      "2025-11-05",
      null,
    ],
    [
      "at the weekend it runs to Friday",
      [...before, ...days([["2025-11-03", "N", "N"]])],
      "2025-11-08",
      { days: 5, from: "2025-11-03", to: "2025-11-07" },
    ],
    [
      "in half-term it runs to the last school day",
      present(["2025-10-20", "2025-10-21", "2025-10-22"]),
      "2025-10-29",
      { days: 2, from: "2025-10-23", to: "2025-10-24" },
    ],
    [
      "a run that ended before the last school day is not current",
      [
        ...before,
        ...days([
          ["2025-11-03", "N", "N"],
          ["2025-11-04", "/", "/"],
        ]),
      ],
      "2025-11-05",
      null,
    ],
    ["no school days before today", [], "2025-10-19", null],
  ] as [string, Mark[], string, unknown][])("%s", (_name, marks, today, expected) => {
    expect(currentUnexplainedRun(marks, SCHOOL_DAYS, today)).toEqual(expected);
  });
});

describe("sessionsToday", () => {
  const today = "2025-11-05";
  it.each([
    ["no marks", [], null, null, false],
    ["present AM, N PM", days([[today, "/", "N"]]), "/", "N", true],
    ["lower-case n", days([[today, "n", null]]), "N", null, true],
    ["a symbol", days([[today, "<", "<"]]), "C1", "C1", false],
    ["an unknown code", days([[today, "F", null]]), null, null, false],
    ["other days ignored", days([["2025-11-04", "N", "N"]]), null, null, false],
    ["a correction replaces N", [...days([[today, "N", null]]), ...days([[today, "I", null]])], "I", null, false],
  ] as [string, Mark[], string | null, string | null, boolean][])("%s", (_name, marks, am, pm, flagged) => {
    expect(sessionsToday(marks, today)).toEqual({ am, pm, unexplainedToday: flagged });
  });
});

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
