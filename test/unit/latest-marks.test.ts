/**
 * The latest mark per session (a school's correction replaces what it corrects): worked
 * out once per list, and a list already in session order (the database's) is its own answer.
 */
import { describe, expect, it } from "vitest";
import { latestMarks } from "../../core/attendance/attendance.marks.js";
import { type Mark, summariseAttendance } from "../../core/attendance/attendance.rules.js";
import { defaultPolicy } from "../../core/policy.js";

describe("latestMarks, worked out once per list", () => {
  const marks: Mark[] = [
    { date: "2025-09-01", session: "AM", code: "N" },
    { date: "2025-09-01", session: "PM", code: "/" },
    { date: "2025-09-01", session: "AM", code: "I" },
  ];

  it("the same list gets the same answer, the correction replacing what it corrects", () => {
    const first = latestMarks(marks);
    expect(first).toEqual([
      { date: "2025-09-01", session: "AM", code: "I" },
      { date: "2025-09-01", session: "PM", code: "/" },
    ]);
    expect(latestMarks(marks)).toBe(first);
  });

  it("another list, even with the same marks and one more, gets its own", () => {
    const more = [...marks, { date: "2025-09-01", session: "PM" as const, code: "O" }];
    expect(latestMarks(more)).toEqual([
      { date: "2025-09-01", session: "AM", code: "I" },
      { date: "2025-09-01", session: "PM", code: "O" },
    ]);
    expect(summariseAttendance(more, defaultPolicy)).not.toEqual(summariseAttendance(marks, defaultPolicy));
  });
});

describe("latestMarks on lists in session order and not", () => {
  const mark = (date: string, session: "AM" | "PM", code: string): Mark => ({ date, session, code });

  it("a list in session order (as the database reads it) is its own answer", () => {
    const ordered = [mark("2025-09-01", "AM", "/"), mark("2025-09-01", "PM", "N"), mark("2025-09-02", "AM", "I")];
    expect(latestMarks(ordered)).toBe(ordered);
  });

  it("the same session twice in a row is not in order: the later mark replaces the earlier", () => {
    const twice = [mark("2025-09-01", "AM", "N"), mark("2025-09-01", "AM", "I"), mark("2025-09-01", "PM", "/")];
    expect(latestMarks(twice)).toEqual([mark("2025-09-01", "AM", "I"), mark("2025-09-01", "PM", "/")]);
  });

  it("PM before AM of the same day, or an earlier day after a later one: every distinct session kept, in list order", () => {
    const pmFirst = [mark("2025-09-01", "PM", "/"), mark("2025-09-01", "AM", "N")];
    expect(latestMarks(pmFirst)).toEqual(pmFirst);
    const back = [mark("2025-09-02", "AM", "/"), mark("2025-09-01", "AM", "N"), mark("2025-09-02", "AM", "I")];
    expect(latestMarks(back)).toEqual([mark("2025-09-02", "AM", "I"), mark("2025-09-01", "AM", "N")]);
  });

  it("an empty list and a single mark", () => {
    expect(latestMarks([])).toEqual([]);
    const one = [mark("2025-09-01", "AM", "/")];
    expect(latestMarks(one)).toEqual(one);
  });
});
