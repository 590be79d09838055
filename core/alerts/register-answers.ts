/**
 * What a DT's answer on an absence alert may write to the register, in words: the sessions
 * by name, and why an answer would write nothing (answers.ts refuses it with this sentence).
 */
import { formatDateWithWeekday, type IsoDate } from "../platform/dates.js";
import { DomainError } from "../platform/errors.js";

export type Session = "AM" | "PM";

const SESSION_NAMES: Record<Session, string> = { AM: "morning", PM: "afternoon" };

/** Why an answer would write nothing, as the person answering reads it. */
export function nothingToMark(
  date: IsoDate,
  sessions: readonly Session[],
  registers: { am: boolean; pm: boolean },
  raw: { am: string | null; pm: string | null },
): DomainError {
  const open = sessions.filter((s) => !(s === "AM" ? registers.am : registers.pm));
  const day = formatDateWithWeekday(date);
  const why =
    open.length > 0
      ? `the ${open.map((s) => SESSION_NAMES[s]).join(" and ")} ${open.length > 1 ? "registers have" : "register has"} not closed yet`
      : `the register already says ${sessions.map((s) => `${SESSION_NAMES[s]} ${(s === "AM" ? raw.am : raw.pm) ?? "no mark"}`).join(", ")}`;
  return new DomainError("conflict", `Nothing to mark for ${day}: ${why}.`);
}
