/**
 * "Absent today", as the status card, the caseload, the VSH's figures and the scan's
 * unexplained_absence_today alert all judge it. Pure: today's two marks and what is known
 * about the day in.
 *
 * A session concerns when its mark is unauthorised with no one saying the child is in
 * school (G, N, O), or when it has no mark (or a mark that is not a code) once ITS
 * register has closed: a child marked present in the morning is not absent today while
 * the afternoon register is still open. U (arrived after the register closed) never
 * concerns: the child is in school. Only school days count (a mark on a closed day is
 * stale data), and while the school's feed has gone quiet (attendance.feed.ts) a blank
 * register is the feed's silence, not the child's absence.
 */
import type { IsoDate } from "../platform/dates.js";
import type { Mark, Session } from "./attendance.marks.js";
import { type AttendanceCode, isUnexplained, normaliseAttendanceCode } from "./codes.js";
import type { RegistersClosed } from "./registers.js";

export type TodaySessions = {
  am: AttendanceCode | null;
  pm: AttendanceCode | null;
  /** The sessions that concern (see the module comment), morning first. */
  unexplainedSessions: Session[];
  /** Some session concerns: chase it today. */
  unexplainedToday: boolean;
};

/** What decides whether a blank or unauthorised session concerns. */
export type TodayBasis = {
  /** Today is a school day on the child's school's calendar, and the child is on roll. */
  schoolDay: boolean;
  registers: RegistersClosed;
  /** The school has sent no marks for a while (attendanceDataGap is not null). */
  dataGap: boolean;
};

/** One session: unauthorised (not U), or blank once its register has closed and the feed is live. */
export function sessionConcerns(code: AttendanceCode | null, registerClosed: boolean, dataGap: boolean): boolean {
  return code === null ? registerClosed && !dataGap : isUnexplained(code);
}

/** Today's two marks as stored (raw codes, null when not marked), judged. */
export function todaySessions(raw: { am: string | null; pm: string | null }, basis: TodayBasis): TodaySessions {
  const am = raw.am === null ? null : normaliseAttendanceCode(raw.am);
  const pm = raw.pm === null ? null : normaliseAttendanceCode(raw.pm);
  const concerns = (code: AttendanceCode | null, closed: boolean) =>
    basis.schoolDay && sessionConcerns(code, closed, basis.dataGap);
  const unexplainedSessions: Session[] = [
    ...(concerns(am, basis.registers.am) ? (["AM"] as const) : []),
    ...(concerns(pm, basis.registers.pm) ? (["PM"] as const) : []),
  ];
  return { am, pm, unexplainedSessions, unexplainedToday: unexplainedSessions.length > 0 };
}

/** The register's present code for each session: `/` in the morning, `\` in the afternoon. */
export const PRESENT_CODE: Readonly<Record<Session, AttendanceCode>> = { AM: "/", PM: "\\" };

/** A designated teacher's answer on an absence alert: in school (or late), or a reason code. */
export type RegisterAnswer = { kind: "present"; late: boolean } | { kind: "reason"; code: AttendanceCode };

/**
 * What an answer writes to a day's register: the sessions among `sessions` (those the
 * alert is about) whose register has closed that still concern (G, N, O, or blank), each
 * "in school" with its own present code, late with L in the first of them (the session
 * the child arrived late for) and the present code in any after it, a reason with its
 * code. A register still open is left for the school's own mark, and U or any other mark
 * is never overwritten. Empty when there is nothing to write: the caller refuses the
 * answer rather than record what it did not write.
 */
export function answerMarks(
  raw: { am: string | null; pm: string | null },
  registers: RegistersClosed,
  sessions: readonly Session[],
  answer: RegisterAnswer,
): [Session, AttendanceCode][] {
  const concerning = todaySessions(raw, { schoolDay: true, registers, dataGap: false }).unexplainedSessions;
  const open = concerning.filter((s) => sessions.includes(s) && (s === "AM" ? registers.am : registers.pm));
  if (answer.kind === "reason") return open.map((session) => [session, answer.code]);
  return open.map((session, i) => [session, answer.late && i === 0 ? "L" : PRESENT_CODE[session]]);
}

/** Today's raw marks from a list (the later mark for a session wins, as everywhere). */
export function rawMarksOn(marks: readonly Mark[], date: IsoDate): { am: string | null; pm: string | null } {
  const raw: { am: string | null; pm: string | null } = { am: null, pm: null };
  for (const mark of marks) {
    if (mark.date !== date) continue;
    if (mark.session === "AM") raw.am = mark.code;
    else raw.pm = mark.code;
  }
  return raw;
}
