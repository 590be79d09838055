/**
 * "Absent today", session by session, as the card, the caseload, the figures and the scan
 * judge it: G, N or O concern at once; a blank session only once ITS register has closed
 * and while the feed is live; U never (in school); nothing on a day that is not a school day.
 */
import { describe, expect, it } from "vitest";
import {
  BOTH_REGISTERS_CLOSED,
  NO_REGISTER_CLOSED,
  type RegistersClosed,
  rawMarksOn,
  todaySessions,
} from "../../core/attendance/attendance.rules.js";
import { inSchoolMarks } from "../../core/attendance/attendance.today.js";

const MORNING: RegistersClosed = { am: true, pm: false };
const day = { schoolDay: true, dataGap: false };

describe("todaySessions", () => {
  it.each([
    ["nothing marked, registers open", null, null, NO_REGISTER_CLOSED, []],
    ["nothing marked after 09:30", null, null, MORNING, ["AM"]],
    ["nothing marked after 13:45", null, null, BOTH_REGISTERS_CLOSED, ["AM", "PM"]],
    ["present AM, PM unmarked before 13:45", "/", null, MORNING, []],
    ["present AM, PM unmarked after 13:45", "/", null, BOTH_REGISTERS_CLOSED, ["PM"]],
    ["present AM and PM", "/", "\\", BOTH_REGISTERS_CLOSED, []],
    ["U alone", "U", null, MORNING, []],
    ["U all day", "U", "U", BOTH_REGISTERS_CLOSED, []],
    ["U then N", "U", "N", BOTH_REGISTERS_CLOSED, ["PM"]],
    ["N before its register closes: unauthorised is a concern at once", "N", null, NO_REGISTER_CLOSED, ["AM"]],
    ["G and O", "G", "O", NO_REGISTER_CLOSED, ["AM", "PM"]],
    ["late before the close, PM not yet closed", "L", null, MORNING, []],
    ["authorised absence", "I", "M", BOTH_REGISTERS_CLOSED, []],
    ["a dash after the close is no mark", "-", "\\", MORNING, ["AM"]],
    ["a lower-case n", "n", null, NO_REGISTER_CLOSED, ["AM"]],
  ] as [string, string | null, string | null, RegistersClosed, string[]][])(
    "%s → %j",
    (_name, am, pm, registers, sessions) => {
      const judged = todaySessions({ am, pm }, { ...day, registers });
      expect(judged.unexplainedSessions).toEqual(sessions);
      expect(judged.unexplainedToday).toBe(sessions.length > 0);
    },
  );

  it.each([
    ["a Saturday or a closed day", { schoolDay: false, dataGap: false }, "N", []],
    ["a closed day, blank", { schoolDay: false, dataGap: false }, null, []],
    ["the feed gone quiet, blank", { schoolDay: true, dataGap: true }, null, []],
    ["the feed gone quiet, yet an N today", { schoolDay: true, dataGap: true }, "N", ["AM"]],
  ] as [string, { schoolDay: boolean; dataGap: boolean }, string | null, string[]][])(
    "%s → %j",
    (_name, basis, am, sessions) => {
      const judged = todaySessions({ am, pm: null }, { ...basis, registers: BOTH_REGISTERS_CLOSED });
      expect(judged.unexplainedSessions).toEqual(sessions);
    },
  );

  it("normalises the codes it shows", () => {
    expect(todaySessions({ am: "n", pm: "<" }, { ...day, registers: MORNING })).toEqual({
      am: "N",
      pm: "C1",
      unexplainedSessions: ["AM"],
      unexplainedToday: true,
    });
  });

  it("reads today's marks, the later mark for a session winning", () => {
    const marks = [
      { date: "2025-11-04", session: "AM" as const, code: "N" },
      { date: "2025-11-05", session: "AM" as const, code: "N" },
      { date: "2025-11-05", session: "AM" as const, code: "I" },
      { date: "2025-11-05", session: "PM" as const, code: "\\" },
    ];
    expect(rawMarksOn(marks, "2025-11-05")).toEqual({ am: "I", pm: "\\" });
    expect(rawMarksOn(marks, "2025-11-06")).toEqual({ am: null, pm: null });
  });
});

describe('inSchoolMarks: what a DT\'s "in school" writes', () => {
  it.each([
    ["blank at 11:00: the morning only", null, null, MORNING, false, [["AM", "/"]]],
    [
      "blank at 14:15: each session its own code",
      null,
      null,
      BOTH_REGISTERS_CLOSED,
      false,
      [
        ["AM", "/"],
        ["PM", "\\"],
      ],
    ],
    [
      "present AM, blank afternoon after 13:45: the afternoon code",
      "/",
      null,
      BOTH_REGISTERS_CLOSED,
      false,
      [["PM", "\\"]],
    ],
    ["present AM, N in the afternoon", "/", "N", MORNING, false, [["PM", "\\"]]],
    ["N this morning at 09:15, afternoon not yet taken", "N", null, NO_REGISTER_CLOSED, false, [["AM", "/"]]],
    ["late for the morning, at 11:00", "N", null, MORNING, true, [["AM", "L"]]],
    [
      "late for the morning, answered at 15:00",
      null,
      null,
      BOTH_REGISTERS_CLOSED,
      true,
      [
        ["AM", "L"],
        ["PM", "\\"],
      ],
    ],
    ["late for the afternoon", "/", "O", BOTH_REGISTERS_CLOSED, true, [["PM", "L"]]],
    ["U is left as the school marked it", "U", null, MORNING, false, []],
  ] as [string, string | null, string | null, RegistersClosed, boolean, [string, string][]][])(
    "%s",
    (_name, am, pm, registers, late, marks) => {
      expect(inSchoolMarks({ am, pm }, registers, late)).toEqual(marks);
    },
  );
});
