/**
 * Attendance summaries: rates, persistent and severe absence (from the minimum of possible
 * sessions), symbols, retired codes and corrections, from marks and from counts per code.
 */
import { describe, expect, it } from "vitest";
import { type Mark, summariseAttendance, summariseCodeCounts } from "../../core/attendance/attendance.rules.js";
import { addDays } from "../../core/platform/dates.js";
import { defaultPolicy, policySchema } from "../../core/policy.js";

/** Sessions with these codes, each in its own date and session so none replaces another. */
function mix(parts: [string, number][]): Mark[] {
  const codes = parts.flatMap(([code, n]) => Array<string>(n).fill(code));
  return codes.map((code, i) => ({ date: addDays("2025-09-01", i >> 1), session: i % 2 === 0 ? "AM" : "PM", code }));
}

/** Thresholds judged from the first possible session, so the tables below test their arithmetic alone. */
const fromFirstSession = policySchema.parse({ absenceAlertMinimumSessions: 1 });

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
      const summary = summariseAttendance(mix(parts), fromFirstSession);
      expect(summary.possibleSessions).toBe(possible);
      expect(summary.attendanceRate).toBeCloseTo(rate, 10);
      expect(summary.absenceRate).toBeCloseTo(1 - rate, 10);
      expect(summary.persistentAbsence).toBe(persistent);
      expect(summary.severeAbsence).toBe(severe);
    },
  );

  // The same minimum of possible sessions as the alerts (absenceAlertMinimumSessions, 20).
  it.each([
    ["the 19th possible session, a third missed", 13, 6, false, false],
    ["the 20th possible session, 2 missed (10%)", 18, 2, true, false],
    ["the 20th possible session, half missed", 10, 10, true, true],
    ["the 19th possible session, all missed", 0, 19, false, false],
  ])("%s", (_name, attended, missed, persistent, severe) => {
    const summary = summariseCodeCounts(
      new Map([
        ["/", attended],
        ["O", missed],
      ]),
      defaultPolicy,
    );
    expect(summary.possibleSessions).toBe(attended + missed);
    expect(summary.absenceRate).toBeCloseTo(missed / (attended + missed), 10);
    expect([summary.persistentAbsence, summary.severeAbsence]).toEqual([persistent, severe]);
  });

  it("an authority's own minimum moves the line", () => {
    const tenSessions = policySchema.parse({ absenceAlertMinimumSessions: 10 });
    const counts = new Map([
      ["/", 5],
      ["N", 5],
    ]);
    expect(summariseCodeCounts(counts, tenSessions).severeAbsence).toBe(true);
    expect(summariseCodeCounts(counts, defaultPolicy).severeAbsence).toBe(false);
  });

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
