/**
 * The status card's attendance flags under the session-by-session registers, U, and a
 * missing feed: Amira (child-facts.fixture.ts) on Wednesday 19 November 2025, present every
 * school day before today unless a test says otherwise.
 */
import { describe, expect, it } from "vitest";
import {
  BOTH_REGISTERS_CLOSED,
  type Mark,
  NO_REGISTER_CLOSED,
  type RegistersClosed,
} from "../../core/attendance/attendance.rules.js";
import { schoolDaysInRange } from "../../core/calendar/school-days.js";
import { educationStatus } from "../../core/children/status.js";
import { defaultPolicy } from "../../core/policy.js";
import { both, cal, facts, presentUntil, school, TODAY } from "./child-facts.fixture.js";

const YESTERDAY = "2025-11-18";
const MORNING: RegistersClosed = { am: true, pm: false };
const today = (am: string | null, pm: string | null): Mark[] => [
  ...(am === null ? [] : [{ date: TODAY, session: "AM" as const, code: am }]),
  ...(pm === null ? [] : [{ date: TODAY, session: "PM" as const, code: pm }]),
];
const statusOf = (marks: Mark[], registersClosed: RegistersClosed, enrolments = [school]) =>
  educationStatus(facts({ marks, registersClosed, enrolments }), TODAY, defaultPolicy);
const codes = (marks: Mark[], registersClosed: RegistersClosed) =>
  statusOf(marks, registersClosed).flags.map((f) => f.code);

describe("absent today, session by session", () => {
  it.each([
    ["nothing marked, registers open", null, null, NO_REGISTER_CLOSED, null],
    ["nothing marked after 09:30", null, null, MORNING, "Unexplained absence today (AM no mark)."],
    ["present AM, PM unmarked before 13:45", "/", null, MORNING, null],
    [
      "present AM, PM unmarked after 13:45",
      "/",
      null,
      BOTH_REGISTERS_CLOSED,
      "Unexplained absence today (PM no mark).",
    ],
    ["present AM, N PM", "/", "N", MORNING, "Unexplained absence today (PM N)."],
    ["U alone", "U", null, MORNING, null],
    ["U all day", "U", "U", BOTH_REGISTERS_CLOSED, null],
    ["U with N", "U", "N", BOTH_REGISTERS_CLOSED, "Unexplained absence today (PM N)."],
  ] as [string, string | null, string | null, RegistersClosed, string | null][])(
    "%s",
    (_name, am, pm, closed, text) => {
      const status = statusOf([...presentUntil(YESTERDAY), ...today(am, pm)], closed);
      const flag = status.flags.find((f) => f.code === "unexplained_absence_today");
      expect(flag?.text ?? null).toBe(text);
      expect(status.attendance.today.unexplainedToday).toBe(text !== null);
    },
  );

  it("a U every day is unauthorised absence in the rates, never a run", () => {
    const days = schoolDaysInRange(cal, "2025-09-01", TODAY);
    const status = statusOf(
      days.flatMap((d) => both(d, "U")),
      BOTH_REGISTERS_CLOSED,
    );
    expect(status.attendance).toMatchObject({ unauthorisedAbsence: days.length * 2, currentUnexplainedRun: null });
    expect(status.flags.map((f) => f.code)).toEqual(["severe_absence", "persistent_absence"]);
  });

  it("not on roll: no register to read today", () => {
    const status = statusOf(today("N", "N"), BOTH_REGISTERS_CLOSED, []);
    expect(status.attendance.today).toMatchObject({ am: "N", unexplainedToday: false });
    expect(status.attendance.dataGap).toBeNull();
  });
});

describe("a missing feed is not a missing child", () => {
  it("no marks for 2 school days before today: no attendance data since Monday", () => {
    const status = statusOf(presentUntil("2025-11-14"), BOTH_REGISTERS_CLOSED);
    expect(status.attendance.dataGap).toEqual({ since: "2025-11-17", schoolDays: 2, lastMark: "2025-11-14" });
    expect(status.flags).toEqual([
      {
        code: "no_attendance_data",
        severity: "amber",
        text: "No attendance data since 17 Nov 2025: 2 school days without a register mark from the school; chase the school's data, not the child.",
      },
    ]);
  });

  it("1 school day without marks is not yet a gap, and today's blank registers are absence", () => {
    expect(codes(presentUntil("2025-11-17"), BOTH_REGISTERS_CLOSED)).toEqual(["unexplained_absence_today"]);
  });

  it("no marks at all since joining the roll: a data gap, never missing education or roll removal", () => {
    const status = statusOf([], BOTH_REGISTERS_CLOSED);
    expect(status.attendance.dataGap).toEqual({ since: "2025-09-02", schoolDays: 51, lastMark: null });
    expect(status.flags.map((f) => f.code)).toEqual(["no_attendance_data"]);
  });

  it("N marks and then silence: the run stops at the last mark, the silence is the feed's", () => {
    const marks = [
      ...presentUntil("2025-10-24"),
      ...schoolDaysInRange(cal, "2025-11-03", "2025-11-14").flatMap((d) => both(d, "N")),
    ];
    const status = statusOf(marks, BOTH_REGISTERS_CLOSED);
    expect(status.attendance.currentUnexplainedRun).toEqual({ days: 10, from: "2025-11-03", to: "2025-11-14" });
    expect(status.flags.map((f) => f.code)).toEqual([
      "missing_education",
      "persistent_absence",
      "no_attendance_data",
      "unresolved_absence",
    ]);
  });
});
