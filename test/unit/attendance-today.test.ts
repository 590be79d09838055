/**
 * "Absent today", session by session, as the card, the caseload, the figures and the scan
 * judge it: G, N or O concern at once; a blank session only once ITS register has closed
 * and while the feed is live; U never (in school); nothing on a day that is not a school day.
 */
import { describe, expect, it } from "vitest";
import type { Session } from "../../core/attendance/attendance.marks.js";
import {
  BOTH_REGISTERS_CLOSED,
  NO_REGISTER_CLOSED,
  type RegistersClosed,
  rawMarksOn,
  todaySessions,
} from "../../core/attendance/attendance.rules.js";
import { answerMarks, type RegisterAnswer } from "../../core/attendance/attendance.today.js";

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

describe("answerMarks: what a DT's answer writes to the alert's day", () => {
  const BOTH: Session[] = ["AM", "PM"];
  const present = { kind: "present", late: false } as const;
  const late = { kind: "present", late: true } as const;
  it.each([
    ["blank at 11:00: the morning only", null, null, MORNING, BOTH, present, [["AM", "/"]]],
    [
      "blank at 14:15: each session its own code",
      null,
      null,
      BOTH_REGISTERS_CLOSED,
      BOTH,
      present,
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
      BOTH,
      present,
      [["PM", "\\"]],
    ],
    // A register still open is the school's to take, even where an early N stands in it.
    ["present AM, N in the afternoon before 13:45: nothing yet", "/", "N", MORNING, BOTH, present, []],
    [
      "N this morning at 09:15, before the register closes: nothing yet",
      "N",
      null,
      NO_REGISTER_CLOSED,
      BOTH,
      present,
      [],
    ],
    ["N this morning, at 09:30 exactly", "N", null, MORNING, BOTH, present, [["AM", "/"]]],
    ["late for the morning, at 11:00", "N", null, MORNING, BOTH, late, [["AM", "L"]]],
    [
      "late for the morning, answered at 15:00",
      null,
      null,
      BOTH_REGISTERS_CLOSED,
      BOTH,
      late,
      [
        ["AM", "L"],
        ["PM", "\\"],
      ],
    ],
    ["late for the afternoon", "/", "O", BOTH_REGISTERS_CLOSED, BOTH, late, [["PM", "L"]]],
    ["U is left as the school marked it", "U", null, MORNING, BOTH, present, []],
    [
      "the afternoon's alert: the afternoon only, whatever the morning",
      "N",
      null,
      BOTH_REGISTERS_CLOSED,
      ["PM"],
      present,
      [["PM", "\\"]],
    ],
    ["the afternoon's alert, the afternoon since marked", "N", "\\", BOTH_REGISTERS_CLOSED, ["PM"], present, []],
    [
      "a reason at 14:15: both sessions still without one",
      "N",
      null,
      BOTH_REGISTERS_CLOSED,
      BOTH,
      { kind: "reason", code: "M" },
      [
        ["AM", "M"],
        ["PM", "M"],
      ],
    ],
    [
      "a reason at 11:00: never the afternoon before its register closes",
      "N",
      null,
      MORNING,
      BOTH,
      { kind: "reason", code: "I" },
      [["AM", "I"]],
    ],
    [
      "a reason never replaces a mark that explains the session",
      "/",
      "O",
      BOTH_REGISTERS_CLOSED,
      BOTH,
      { kind: "reason", code: "I" },
      [["PM", "I"]],
    ],
    [
      "a reason with nothing left to explain",
      "/",
      "\\",
      BOTH_REGISTERS_CLOSED,
      BOTH,
      { kind: "reason", code: "I" },
      [],
    ],
  ] as [string, string | null, string | null, RegistersClosed, Session[], RegisterAnswer, [string, string][]][])(
    "%s",
    (_name, am, pm, registers, sessions, answer, marks) => {
      expect(answerMarks({ am, pm }, registers, sessions, answer)).toEqual(marks);
    },
  );
});
