import { describe, expect, it } from "vitest";
import {
  ATTENDANCE_CODES,
  type AttendanceCode,
  categoryOf,
  isAttending,
  isPossibleSession,
  isUnexplained,
  normaliseAttendanceCode,
} from "../../core/attendance/codes.js";

describe("the 2024 code table", () => {
  it.each([
    ["/", "present", true],
    ["\\", "present", true],
    ["L", "present", true],
    ["K", "approved_activity", true],
    ["V", "approved_activity", true],
    ["P", "approved_activity", true],
    ["W", "approved_activity", true],
    ["B", "approved_activity", true],
    ["C1", "authorised", true],
    ["C2", "authorised", true],
    ["C", "authorised", true],
    ["M", "authorised", true],
    ["J1", "authorised", true],
    ["S", "authorised", true],
    ["T", "authorised", true],
    ["R", "authorised", true],
    ["I", "authorised", true],
    ["E", "authorised", true],
    ["G", "unauthorised", true],
    ["N", "unauthorised", true],
    ["O", "unauthorised", true],
    ["U", "unauthorised", true],
    ["Q", "unable_to_attend", false],
    ["Y1", "unable_to_attend", false],
    ["Y2", "unable_to_attend", false],
    ["Y3", "unable_to_attend", false],
    ["Y4", "unable_to_attend", false],
    ["Y5", "unable_to_attend", false],
    ["Y6", "unable_to_attend", false],
    ["Y7", "unable_to_attend", false],
    ["D", "administrative", false],
    ["X", "administrative", false],
    ["Z", "administrative", false],
    ["#", "administrative", false],
    ["H", "authorised", true],
    ["Y", "unable_to_attend", false],
  ] as const)("%s is %s, possible session: %s", (code, category, possible) => {
    expect(categoryOf(code)).toBe(category);
    expect(isPossibleSession(code)).toBe(possible);
    expect(ATTENDANCE_CODES.find((c) => c.code === code)).toMatchObject({ category, possible });
  });

  it("lists 36 codes, each once, with only H and Y retired", () => {
    const codes = ATTENDANCE_CODES.map((c) => c.code);
    expect(codes).toHaveLength(36);
    expect(new Set(codes).size).toBe(36);
    expect(ATTENDANCE_CODES.filter((c) => c.retired).map((c) => c.code)).toEqual(["H", "Y"]);
  });

  it("has no symbol that is also a code, and each symbol once", () => {
    const symbols = ATTENDANCE_CODES.flatMap((c) => (c.symbol ? [c.symbol] : []));
    expect(symbols.sort()).toEqual(["$", "%", ":", "<", ">", "?", "_", "a", "|"].sort());
    for (const s of symbols) expect(ATTENDANCE_CODES.some((c) => c.code === s)).toBe(false);
  });

  it("gives every code a description", () => {
    for (const c of ATTENDANCE_CODES) expect(c.description.length).toBeGreaterThan(5);
  });
});

describe("normaliseAttendanceCode", () => {
  it.each([
    ["N", "N"],
    [" N ", "N"],
    ["n", "N"],
    ["/", "/"],
    ["\\", "\\"],
    ["l", "L"],
    ["c1", "C1"],
    ["y7", "Y7"],
    ["<", "C1"],
    [">", "C2"],
    ["?", "J1"],
    ["$", "Y1"],
    ["a", "Y2"],
    ["%", "Y3"],
    [":", "Y5"],
    ["|", "Y6"],
    ["_", "Y7"],
    ["J", "J1"],
    ["j", "J1"],
    ["J1", "J1"],
    ["H", "H"],
    ["Y", "Y"],
    ["#", "#"],
    ["A", null],
    ["", null],
    ["   ", null],
    ["-", null],
    ["F", null],
    ["Y8", null],
    ["C3", null],
    ["NN", null],
    ["present", null],
  ])("%j → %s", (raw, expected) => {
    expect(normaliseAttendanceCode(raw)).toBe(expected);
  });

  it("maps every code to itself", () => {
    for (const c of ATTENDANCE_CODES) expect(normaliseAttendanceCode(c.code)).toBe(c.code);
  });
});

describe("attending and unexplained", () => {
  it.each([
    ["/", true, false],
    ["L", true, false],
    ["B", true, false],
    ["K", true, false],
    ["I", false, false],
    ["C2", false, false],
    ["E", false, false],
    ["G", false, true],
    ["N", false, true],
    ["O", false, true],
    // Arrived after the register closed: unauthorised in the rates, but in school.
    ["U", false, false],
    ["Y1", false, false],
    ["#", false, false],
    ["H", false, false],
  ] as [AttendanceCode, boolean, boolean][])("%s: attending %s, unexplained %s", (code, attending, unexplained) => {
    expect(isAttending(code)).toBe(attending);
    expect(isUnexplained(code)).toBe(unexplained);
  });

  it("a missing mark is unexplained", () => {
    expect(isUnexplained(null)).toBe(true);
  });
});
